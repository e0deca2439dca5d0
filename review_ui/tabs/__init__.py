"""One module per tab; each `build(ui)` adds its components and wires handlers to the services."""
