import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { freePort } from "@/support/app-server";

export interface Mail {
  /** The envelope's recipients: where the SMTP server was actually asked to deliver. */
  recipients: string[];
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** Header lines by lower-case name, as received. */
  headers: Map<string, string>;
}

export interface SmtpSink {
  /** EMAIL_SERVER for the app: plain SMTP on loopback, no TLS, no login. */
  url: string;
  mails: Mail[];
  /** Resolves with the next mail received (or one already received and not yet taken). */
  nextMail(timeoutMs?: number): Promise<Mail>;
  stop(): Promise<void>;
}

export interface SmtpSinkHooks {
  /** Called as a client connects, before the greeting: a client cannot send anything before it returns. */
  onConnect?(): void;
  /**
   * Called once a message has been received in full, before the server answers it. Resolving true
   * keeps it (into `mails`, then "250 OK"); false refuses it ("451", not kept). Until it resolves the
   * client waits for the answer: a test can kill the client in that moment, when a real server holding
   * the whole message may deliver it though the client never learns so.
   */
  accept?(mail: Mail): Promise<boolean> | boolean;
}

/** A real SMTP server in the test process that keeps every message it is given. */
export async function startSmtpSink(hooks: SmtpSinkHooks = {}): Promise<SmtpSink> {
  const mails: Mail[] = [];
  let taken = 0;
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["AUTH", "STARTTLS"],
    logger: false,
    onConnect(_session, callback) {
      hooks.onConnect?.();
      callback();
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (parsed) => {
          const mail: Mail = {
            recipients: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : "",
            messageId: parsed.messageId ?? "",
            headers: new Map(parsed.headerLines.map((line) => [line.key, line.line.slice(line.key.length + 1).trim()])),
          };
          if (hooks.accept && !(await hooks.accept(mail))) {
            return callback(Object.assign(new Error("Try again later"), { responseCode: 451 }));
          }
          mails.push(mail);
          waiters.splice(0).forEach((wake) => wake());
          callback();
        })
        .catch(callback);
    },
  });
  // A client killed mid-conversation leaves a socket error behind: that is the point of some tests.
  server.on("error", () => {});
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    async nextMail(timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (taken >= mails.length) {
        if (Date.now() > deadline) throw new Error("No mail arrived.");
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
      return mails[taken++]!;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
