"""The composition root: the CLI, the demo and the services shared by the CLI and the review UI."""
