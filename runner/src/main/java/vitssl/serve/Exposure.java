package vitssl.serve;

/**
 * Who may reach the page. A run's page shows its spec (data paths included) and its files, so the
 * server answers only on the loopback interface unless the user asks for more in so many words.
 */
public enum Exposure {
  /** Only this machine: 127.0.0.1, ::1, localhost. */
  LOOPBACK_ONLY,
  /** Any address the user names, reachable from other machines. */
  ANY_ADDRESS
}
