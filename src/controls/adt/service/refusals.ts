import type { JsMsg } from "nats";
import type { Outgoing } from "./publisher.js";
import { readServiceStream } from "./read-stream.js";
import type { StageContext } from "./stage-context.js";
import { userToken } from "./subjects.js";

/**
 * A line the service cannot decide (not a request, or older than a request already decided) is
 * not only logged: a notice goes on the refused stream, on the subject token of the message it
 * came in, so whoever sent it can find out and send it again corrected. Each request keeps its
 * place in the requests stream: its message's sequence number and its line there.
 */
export type RefusalNotice = {
  readonly sequence: number;
  /** 1 for a message's first line. */
  readonly line: number;
  readonly subject: string;
  /** The RequestID, when the line is a JSON object with one. */
  readonly requestId?: string;
  readonly reason: string;
  /** The line as received, cut at `keptChars`. */
  readonly text: string;
};

/** A notice keeps this much of the line: enough to recognise it, not a copy of a huge one. */
export const keptChars = 1024;

/** Logs the refusal and answers the notice to publish with the stage's other outputs. */
export function refusalNotice(
  { names, log }: Pick<StageContext, "names" | "log">,
  stage: string,
  message: JsMsg,
  index: number,
  line: string,
  reason: string,
): Outgoing {
  const place = index === 0 ? "" : ` (line ${index + 1})`;
  log.warn(`adt ${stage}: request #${message.seq}${place} on ${message.subject} refused: ${reason}`);
  const requestId = requestIdOf(line);
  const notice: RefusalNotice = {
    sequence: message.seq,
    line: index + 1,
    subject: message.subject,
    ...(requestId === undefined ? {} : { requestId }),
    reason,
    text: line.slice(0, keptChars),
  };
  return {
    subject: names.refused(usersTokenOf(message.subject)),
    data: JSON.stringify(notice),
    // A message decided again (redelivered, or re-read on a restart) gives the same notice.
    once: { msgId: `refused:${message.seq}:${index}` },
  };
}

function requestIdOf(line: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed !== "object" || parsed === null) return undefined;
    const { requestId } = parsed as { requestId?: unknown };
    return typeof requestId === "string" ? requestId : undefined;
  } catch {
    return undefined;
  }
}

/** Every refusal notice on the stream so far, in the order the service refused them. */
export async function readRefusals(options: { natsUrl: string; prefix?: string }): Promise<RefusalNotice[]> {
  const notices: RefusalNotice[] = [];
  const client = { ...options, client: "secg-adt-refused" };
  await readServiceStream(
    client,
    (names) => names.refusedStream,
    (message) => {
      notices.push(JSON.parse(message.string()) as RefusalNotice);
    },
  );
  return notices;
}

/**
 * Whether a notice is about one User's request: it came on the User's own subject, or its
 * RequestID names the User as originator (a line of a message of several Users').
 */
export function concernsUser(notice: RefusalNotice, userId: string): boolean {
  const token = userToken(userId);
  return (
    usersTokenOf(notice.subject) === token ||
    (notice.requestId !== undefined && userToken(notice.requestId.split(":")[0]!) === token)
  );
}

/** The last token of a requests subject: a User's, or the mixed one. */
function usersTokenOf(subject: string): string {
  return subject.slice(subject.lastIndexOf(".") + 1);
}
