/** Options for {@link parseResource}. */
export interface ParseOptions {
  /**
   * Validate the model (default true). Pass false when re-reading a resource that was accepted
   * earlier, e.g. on replay after a restart: it skips the FEEL syntax checks and every rule, so
   * it is faster and a rule added later cannot reject a model that is already deployed. Only an
   * unreadable file or one without an executable process still fails.
   */
  readonly validate?: boolean;
}
