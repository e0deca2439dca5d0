"""One writer per document layout; `write(spec, path)` renders a DocSpec and returns
the page (or sheet) number of each of its records, in order."""
