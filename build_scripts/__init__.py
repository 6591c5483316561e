"""Generate explainer pages from annotated YAML: `python -m build_scripts <verb>`."""
