/**
 * One turn of the host's event loop. Awaiting a promise that has already settled (a wasm or cpu
 * tensor's `data()`) only runs microtasks, so a loop of such batches holds the thread for all of
 * them: a worker then answers no message, not even the page's heartbeat. Long measurements (a
 * quality evaluation generates and classifies 1,000 images: ~1.4 s on MNIST here, several times
 * that on a loaded machine) await this between batches, so the worker stays answerable.
 * `setTimeout` exists in a worker and in Node alike.
 */
export function eventTurn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
