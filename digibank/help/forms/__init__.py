"""Forms of the help pages: the resident's booking questions (`public`) and staff's (`staff`)."""
