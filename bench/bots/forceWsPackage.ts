// Makes @colyseus/sdk use the `ws` package instead of Node's built-in WebSocket, so bots can read real socket byte counts.
// Must be imported before @colyseus/sdk: the SDK picks `globalThis.WebSocket || ws` once, at load time.
Reflect.deleteProperty(globalThis, "WebSocket");
export {};
