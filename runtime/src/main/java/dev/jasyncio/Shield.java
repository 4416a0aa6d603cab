package dev.jasyncio;

/**
 * {@link Asyncio#shield}: an outer future that follows the inner one, except that cancelling the
 * outer one leaves the inner one running.
 */
final class Shield {
  private Shield() {}

  static <T> Future<T> of(Awaitable<T> awaitable) {
    EventLoop loop =
        awaitable instanceof Future<T> f
            ? f.loop
            : awaitable instanceof AwaitFuture<T> v ? v.future.loop : EventLoop.getRunningLoop();
    Future<T> inner = loop.ensureFuture(awaitable);
    if (inner.done()) {
      return inner;
    }
    Future<T> outer = loop.createFuture();
    java.util.function.Consumer<Future<T>> innerDone =
        i -> {
          if (outer.cancelled()) {
            if (!i.cancelled()) {
              i.exception(); // nobody will see it through the outer future: mark it retrieved
            }
            return;
          }
          if (i.cancelled()) {
            outer.cancel();
          } else if (i.state == Future.EXCEPTION) {
            outer.setException(i.takeError());
          } else {
            outer.setResult(i.result());
          }
        };
    inner.addInternalCallback(innerDone);
    outer.addInternalCallback(
        o -> {
          if (!inner.done()) {
            inner.removeInternalCallback(innerDone);
          }
        });
    return outer;
  }
}
