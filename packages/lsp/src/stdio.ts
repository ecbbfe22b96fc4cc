// The connection over stdio, as vscode-languageserver's createConnection makes it for --stdio,
// with one change: the writer encodes messages with message-json.ts. createConnection sets its
// own writer when it opens stdio itself, so this module opens it and does the two things it
// would have done as well: exit when the client closes stdin (code 0 after a shutdown request,
// 1 otherwise), and send console output to the client's log instead of stdout, which carries
// the protocol.

import { format, inspect, type InspectOptions } from 'node:util';
import {
  createConnection,
  Message,
  ProposedFeatures,
  StreamMessageReader,
  StreamMessageWriter,
  type Connection,
  type DataCallback,
  type Disposable,
} from 'vscode-languageserver/node.js';
import { messageEncoder } from './message-json.js';

/** Notes a shutdown request on its way in. */
class ShutdownAwareReader extends StreamMessageReader {
  shutdownReceived = false;

  override listen(callback: DataCallback): Disposable {
    return super.listen((msg) => {
      if (Message.isRequest(msg) && msg.method === 'shutdown') this.shutdownReceived = true;
      callback(msg);
    });
  }
}

export function createStdioConnection(): Connection {
  const reader = new ShutdownAwareReader(process.stdin);
  const writer = new StreamMessageWriter(process.stdout, { contentTypeEncoder: messageEncoder });
  const connection = createConnection(ProposedFeatures.all, reader, writer);
  const exit = (): void => {
    try {
      connection.dispose();
    } finally {
      process.exit(reader.shutdownReceived ? 0 : 1);
    }
  };
  process.stdin.on('end', exit);
  process.stdin.on('close', exit);
  const log = (...args: unknown[]): void => connection.console.log(format(...args));
  console.log = log;
  console.info = log;
  console.debug = log;
  console.warn = (...args: unknown[]): void => connection.console.warn(format(...args));
  console.error = (...args: unknown[]): void => connection.console.error(format(...args));
  // The one method Node writes to stdout without going through the others (trace, assert, count
  // and table do).
  console.dir = (item: unknown, options?: InspectOptions): void => connection.console.log(inspect(item, options));
  return connection;
}
