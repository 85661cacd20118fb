/* Synthetic: under Documentation/, so never indexed. */
int documentation_function(void) { return 0; }
