"""Views of the organisations app: the public hub finder and the staff pages, one module each."""
