/* Synthetic: under tools/, so never indexed. */
int tools_function(void) { return 0; }
