/* Synthetic: in a hidden directory, so never indexed. */
int hidden_function(void) { return 0; }
