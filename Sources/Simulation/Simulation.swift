// The Simulation module; see ARCHITECTURE.md.
