"""Capital Online (CDS) cloud MySQL family of the emulator (see README.md in this folder)."""
