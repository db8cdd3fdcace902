import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { describe, it } from 'node:test';
import {
  COSTLY_MS,
  MAX_PAUSE_MS,
  PAUSE_PER_MS,
  loopHeldMs,
  onLoop,
  parseEnded,
  parseStarts,
  pauseBeforeAnswer,
  READ_MS_PER_MIB,
} from '../mock-server/http/loopShare.ts';

const request = () => ({}) as IncomingMessage;
/** Holds the loop for at least `ms` milliseconds, as a costly validation would. */
const hold = (ms: number) => {
  const until = performance.now() + ms;
  while (performance.now() < until);
};

describe('fair shares of the HTTP loop', () => {
  it('counts the parse and the synchronous part of the handler against the request', () => {
    const req = request();
    parseStarts(req, 0);
    hold(2);
    parseEnded(req);
    onLoop(req, () => hold(2));
    assert.ok(loopHeldMs(req) >= 4);
  });

  it('counts reading a body by its size', () => {
    const req = request();
    parseStarts(req, 10 * 1_048_576);
    parseEnded(req);
    assert.ok(loopHeldMs(req) >= 10 * READ_MS_PER_MIB);
    assert.ok(pauseBeforeAnswer(req, 400) >= 10 * READ_MS_PER_MIB * PAUSE_PER_MS);
  });

  it('holds a costly client error back in proportion to its cost, up to a bound', () => {
    const req = request();
    onLoop(req, () => hold(COSTLY_MS * 3));
    const pause = pauseBeforeAnswer(req, 400);
    assert.ok(pause >= COSTLY_MS * 3 * PAUSE_PER_MS && pause <= MAX_PAUSE_MS, `pause ${pause}`);
    const huge = request();
    onLoop(huge, () => hold(MAX_PAUSE_MS / PAUSE_PER_MS + 5));
    assert.equal(pauseBeforeAnswer(huge, 413), MAX_PAUSE_MS);
  });

  it('answers at once a cheap mistake, a success and a server error', () => {
    const cheap = request();
    assert.equal(pauseBeforeAnswer(cheap, 400), 0);
    const costly = request();
    onLoop(costly, () => hold(COSTLY_MS * 3));
    assert.equal(pauseBeforeAnswer(costly, 200), 0);
    assert.equal(pauseBeforeAnswer(costly, 500), 0);
    assert.equal(pauseBeforeAnswer(costly, 503), 0);
  });

  it('counts a handler that throws', () => {
    const req = request();
    assert.throws(() =>
      onLoop(req, () => {
        hold(COSTLY_MS * 2);
        throw new Error('invalid');
      }),
    );
    assert.ok(pauseBeforeAnswer(req, 400) > 0);
  });
});
