"""Device adapters. Nothing in this package imports Qt."""
