// The domain core; see ARCHITECTURE.md.
