"""The one permission layer: every view, every API endpoint, every queryset and every service verb
goes through here.

A view declares who may use it with one of the decorators below (`public_view`, `account_view`,
`staff_view`, `region_view`). The decorator resolves the tenant from the URL, builds an `Access`
for the user and refuses what the user's roles do not allow:

- anonymous user on a staff page → redirect to the log-in page;
- a digibank or region the user has no role in → 404, exactly like a digibank that does not exist;
- a role in that digibank without the needed permission → 403.

Objects are fetched through `Access.scope(queryset)` or the `get_*_for` helpers of each app, so an
object of another digibank is a 404, never a 403 and never a 200.

**Each permission is scoped by the role that grants it.** A role grants each of its permissions
with a reach (`ROLE_GRANTS`): the whole digibank, or only the people (and their requests and
loans) referred by the partner of that membership. A user's reach for one permission is the union
of the reaches of their memberships that grant it, so a role only adds what it grants:

- a partner referrer sees and manages only their partner's people and requests;
- a referrer who also holds a role that does not grant a permission (technician or analyst for
  every people and request permission, trainer for the request permissions) still reaches only
  their partner's people for it: the technician's device permissions never widen `view_people`;
- a referrer who is also a hub volunteer reaches the whole digibank for the people and request
  permissions the hub volunteer role grants (and a trainer for the people permissions), because
  those roles grant exactly that on their own;
- a few grants hold only where the digibank's settings switch them on (`GRANTS_BY_SETTING`,
  applied by `grants_in`): a referrer decides eligibility for their partner's referrals only
  where the coordinator allowed it (docs/roles.md).

Partner scoping lives here only: `Access.reach(perm)`, `Access.scope_people(queryset, perm)` and
`Access.may_reach_person(person, perm)`. Queries, services, forms and views call these.

Service verbs that change or reveal personal data take the actor as `by`: the `Access` of the
staff member, or a `SystemActor` (`SYSTEM` for tasks, commands and demo data, `PUBLIC` for a
resident on the public pages acting for themselves), never `None`. `require(by, digibank, perm)`
is the one check the services run; the audit trail records a system actor as "system".

A session that must still pass the second log-in step (an authenticator app's code) reaches no
staff, region or account page: the decorators send it to that step first (`second_factor`, which
derives who needs it from the grants). Views that export or erase personal data
(`staff_view(perm, confirm_password=True)`) also ask for the password again after a few minutes.

The package: `grants` (permissions and what each role grants), `access` (the actors and the checks
the services run), `second_factor` (who needs the second log-in step, and the gate), `views` (the
decorators, the typed requests and `api_access`). Import from the package itself.
"""

from digibank.organisations.permissions.access import (
    NOWHERE,
    PUBLIC,
    SYSTEM,
    WHOLE_DIGIBANK,
    Access,
    Actor,
    Manager,
    Person,
    Reach,
    RegionAccess,
    SystemActor,
    access_for,
    access_to,
    acting,
    acting_in_region,
    digibanks_for,
    region_access_for,
    regions_for,
    require,
    require_manager,
    require_person,
    require_region,
    require_system,
)
from digibank.organisations.permissions.grants import (
    GRANTS_BY_SETTING,
    PERSONAL_DATA_PERMS,
    REGION_ROLE_PERMISSIONS,
    ROLE_GRANTS,
    ROLE_PERMISSIONS,
    SECOND_FACTOR_REGION_ROLES,
    SECOND_FACTOR_ROLES,
    Perm,
    RegionPerm,
    Scope,
    grants_in,
    region_roles_granting,
    roles_granting,
)
from digibank.organisations.permissions.views import (
    ApiRequest,
    AuthenticatedRequest,
    MarkedView,
    RegionRequest,
    StaffRequest,
    account_view,
    api_access,
    public_view,
    region_view,
    second_step_view,
    staff_view,
)

__all__ = [
    "GRANTS_BY_SETTING",
    "NOWHERE",
    "PERSONAL_DATA_PERMS",
    "PUBLIC",
    "REGION_ROLE_PERMISSIONS",
    "ROLE_GRANTS",
    "ROLE_PERMISSIONS",
    "SECOND_FACTOR_REGION_ROLES",
    "SECOND_FACTOR_ROLES",
    "SYSTEM",
    "WHOLE_DIGIBANK",
    "Access",
    "Actor",
    "ApiRequest",
    "AuthenticatedRequest",
    "Manager",
    "MarkedView",
    "Perm",
    "Person",
    "Reach",
    "RegionAccess",
    "RegionPerm",
    "RegionRequest",
    "Scope",
    "StaffRequest",
    "SystemActor",
    "access_for",
    "access_to",
    "account_view",
    "acting",
    "acting_in_region",
    "api_access",
    "digibanks_for",
    "grants_in",
    "public_view",
    "region_access_for",
    "region_roles_granting",
    "region_view",
    "regions_for",
    "require",
    "require_manager",
    "require_person",
    "require_region",
    "require_system",
    "roles_granting",
    "second_step_view",
    "staff_view",
]
