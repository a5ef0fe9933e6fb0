// The CEL module; see ARCHITECTURE.md.
