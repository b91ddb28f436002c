/** The client stopped sending (closed the connection or stalled): nobody is left to answer, so it is logged at info. */
export class ClientGoneError extends Error {
  override readonly name = 'ClientGoneError';
}
