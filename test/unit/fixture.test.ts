import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { lineCol, parseFixture } from '../../src/replay/fixture.js';

function fails(file: string, text: string): string {
  try {
    parseFixture(file, text);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as UsageError).message;
  }
  throw new Error('expected parseFixture to throw');
}

describe('lineCol', () => {
  it.each([
    ['abc', 0, 1, 1],
    ['abc', 2, 1, 3],
    ['a\nbc', 2, 2, 1],
    ['a\nbc\nd', 6, 3, 2],
  ])('%j offset %i → %i:%i', (text, offset, line, col) => {
    expect(lineCol(text, offset)).toEqual({ line, col });
  });
});

describe('parseFixture: single body', () => {
  it('keeps the file bytes exactly when there are no comments', () => {
    const text = '{\r\n  "CallbackCommand" : "C2C.CallbackAfterSendMsg",\r\n  "MsgSeq": 1.50e1\r\n}\r\n';
    const [cb, ...rest] = parseFixture('dir/c2c.json', text);
    expect(rest).toEqual([]);
    expect(cb!.body).toBe(text);
    expect(cb!.commentsStripped).toBe(false);
    expect(cb!.name).toBe('c2c.json');
    expect(cb!.where).toBe('dir/c2c.json:1:1');
    expect(cb!.value).toEqual({ CallbackCommand: 'C2C.CallbackAfterSendMsg', MsgSeq: 15 });
  });

  it('removes // and /* */ comments and leaves every other byte (seed 000 style)', () => {
    const text = '{\n"Events": [ // The length…\n{"CallbackCommand":"Push.OfflinePush", /* c */ "ErrCode": 0 // ok\n}]}\n';
    const [cb] = parseFixture('push.json', text);
    expect(cb!.commentsStripped).toBe(true);
    expect(cb!.body).toBe('{\n"Events": [ \n{"CallbackCommand":"Push.OfflinePush",  "ErrCode": 0 \n}]}\n');
    expect(JSON.parse(cb!.body)).toEqual(cb!.value);
  });

  it('drops a UTF-8 byte-order mark', () => {
    const [cb] = parseFixture('bom.json', '\ufeff{"callbackCommand":"callbackBeforeOnlinePushCommand"}');
    expect(cb!.body).toBe('{"callbackCommand":"callbackBeforeOnlinePushCommand"}');
  });
});

describe('parseFixture: JSON Lines', () => {
  it('reads one body per line, skipping blank lines, naming rows file:line', () => {
    const text = '{"CallbackCommand":"A.B","n":1}\r\n\n  {"CallbackCommand":"A.B","n":2}\n';
    const cbs = parseFixture('cap.jsonl', text);
    expect(cbs.map((c) => c.name)).toEqual(['cap.jsonl:1', 'cap.jsonl:3']);
    expect(cbs.map((c) => c.body)).toEqual(['{"CallbackCommand":"A.B","n":1}', '  {"CallbackCommand":"A.B","n":2}']);
    expect(cbs[1]!.where).toBe('cap.jsonl:3:3');
  });

  it('detects JSON Lines in a .json file whose first line is a whole object', () => {
    const cbs = parseFixture('cap.json', '{"a":1}\n{"b":2}\n');
    expect(cbs.map((c) => c.value)).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it('reports the broken line with its column', () => {
    expect(fails('cap.jsonl', '{"a":1}\n{"b":2,}\n')).toMatch(/^cap\.jsonl:2:8: line is not one JSON object: trailing comma/);
  });
});

describe('parseFixture: envelope', () => {
  const env = `{
  "callbacks": [
    { "name": "forbid", "body": {"CallbackCommand": "C2C.CallbackBeforeSendMsg", "MsgSeq": 1}, "expect": {"ErrorCode": 1, "httpStatus": 200, "budgetMs": 500} },
    { "body": "{\\"callbackCommand\\":\\"callbackBeforeOnlinePushCommand\\"}", "query": {"x": 1, "ClientIP": null}, "headers": {"operationID": "op-1"} }
  ]
}`;

  it('reads name, body (exact text of the body node), query, headers and expect', () => {
    const [a, b] = parseFixture('env.json', env);
    expect(a!.name).toBe('forbid');
    expect(a!.body).toBe('{"CallbackCommand": "C2C.CallbackBeforeSendMsg", "MsgSeq": 1}');
    expect(a!.expect).toEqual({ httpStatus: 200, budgetMs: 500, reply: { ErrorCode: 1 } });
    expect(a!.where).toBe('env.json:3:33');
    expect(b!.name).toBe('env.json#2');
    expect(b!.body).toBe('{"callbackCommand":"callbackBeforeOnlinePushCommand"}');
    expect(b!.query).toEqual({ x: '1', ClientIP: null });
    expect(b!.headers).toEqual({ operationID: 'op-1' });
  });
});

describe('parseFixture: errors are file:line:col with what was expected', () => {
  it.each([
    ['empty.json', '', /^empty\.json:1:1: the file is empty/],
    ['trail.json', '{\n  "a": 1,\n}', /^trail\.json:3:1: trailing comma: JSON allows no ',' before '\}'/],
    ['arr.json', '{"a": [1,]}', /^arr\.json:1:10: trailing comma: JSON allows no ',' before '\]'/],
    ['dots.json', '{\n "Events": [\n  {"a":1},\n  ....\n ]\n}', /^dots\.json:4:3: unexpected "\.\.\.\.": expected a JSON value/],
    ['colon.json', '{"a" 1}', /^colon\.json:1:6: expected ':' after the property name/],
    ['open.json', '{"a": 1', /^open\.json:1:8: expected '\}' to close the object/],
    ['comment.json', '{"a": 1 /* never closed', /^comment\.json:1:9: unterminated '\/\*' comment/],
    ['str.json', '{"a": "x\ny"}', /^str\.json:1:7: unterminated string/],
    ['array.json', '[{"a":1}]', /^array\.json:1:1: expected a JSON object .*found an array/],
    ['only-comment.json', '// nothing\n', /^only-comment\.json:1:1: expected a JSON object, found only comments/],
    ['cbs.json', '{"callbacks": {}}', /^cbs\.json:1:15: "callbacks" must be an array/],
    ['cbs0.json', '{"callbacks": []}', /^cbs0\.json:1:15: "callbacks" is empty/],
    ['nobody.json', '{"callbacks": [{"name": "x"}]}', /^nobody\.json:1:16: callbacks\[0\]: missing "body"/],
    ['typo.json', '{"callbacks": [\n {"name": "x", "body": {}, "expected": {}}]}', /^typo\.json:2:28: callbacks\[0\]: unknown field "expected"/],
    ['badbody.json', '{"callbacks": [{"body": 3}]}', /^badbody\.json:1:25: callbacks\[0\]: "body" must be a JSON object/],
    ['strbody.json', '{"callbacks": [{"body": "{nope"}]}', /^strbody\.json:1:25: callbacks\[0\]: "body" is a string but not a JSON object/],
    ['query.json', '{"callbacks": [{"body": {}, "query": {"a": [1]}}]}', /^query\.json:1:44: callbacks\[0\]: query "a" must be a string/],
    ['hdr.json', '{"callbacks": [{"body": {}, "headers": {"x": "a\\nb"}}]}', /^hdr\.json:1:46: callbacks\[0\]: header "x" must not contain line breaks/],
    ['exp.json', '{"callbacks": [{"body": {}, "expect": {"httpStatus": "200"}}]}', /^exp\.json:1:54: callbacks\[0\]: "httpStatus" must be an HTTP status/],
    ['lines.jsonl', '{"a":1}\n[1]\n', /^lines\.jsonl:2:1: expected one callback body \(a JSON object\) per line, found an array/],
  ])('%s', (file, text, message) => {
    expect(fails(file, text)).toMatch(message);
  });
});
