"""Staff pages about residents: one module per feature, thin views over the services."""
