// Placeholder entry replaced by the benchmark (see issue 2); prints nothing yet.
export {};
