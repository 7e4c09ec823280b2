// A stand-in layer needs a source.
