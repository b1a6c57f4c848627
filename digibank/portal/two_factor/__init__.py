"""The pages of the second log-in step (an authenticator app and recovery codes) and of the
password confirmation before exports and erasure; the rules are in `digibank.core.two_factor`
and `digibank.organisations.permissions.second_factor`."""
