"""The help pillar's pages (one module per feature)."""
