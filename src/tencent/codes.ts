/**
 * The one table of error codes — REST (60000–79999, 90000–91000), TIMPush server and client, vendor, push-loss
 * and callback-reply codes — with meaning and next step. `chatpush explain`, trace hints and error messages all
 * read it. Sources: reference/protocols.md §2.3, §2.4, §3.3, §4.3 and the seed pages (each entry cites its
 * page). UNCONFIRMED entries say so and never invent a meaning beyond their source's own wording.
 * Pure data and lookups: no I/O.
 */

export type CodeCategory = 'rest' | 'timpush' | 'push-client' | 'vendor' | 'callback' | 'replay' | 'loss';

export interface CodeInfo {
  code: number;
  /** Symbolic name where one exists (V2TIMErrorCode.h), e.g. USERSIG_EXPIRED. */
  name?: string;
  category: CodeCategory;
  /** What it means, one sentence. */
  meaning: string;
  /** What to do next, one sentence. */
  next: string;
  /** false when no primary source confirms the meaning. */
  confirmed: boolean;
  /** Where the meaning comes from (URL or reference section). */
  source: string;
  /** For a range entry (e.g. 120001–130000): the inclusive bounds; `code` is then the code that was looked up. */
  range?: readonly [number, number];
  /** Text forms the code is reported under (push-loss reasons such as "certificate id not set"). */
  aliases?: readonly string[];
}

/** Human names of the categories (explain output). */
export const CATEGORY_LABELS: Readonly<Record<CodeCategory, string>> = {
  rest: 'REST API, common code',
  timpush: 'Push (TIMPush) server / REST API',
  'push-client': 'Push (TIMPush) client SDK',
  vendor: 'vendor channel result',
  callback: 'webhook callback reply',
  replay: 'replay check',
  loss: 'push loss reason (normal_push_loss)',
};

/** Codes that mean the service rejected our credentials (exit 4): spec.md "Exit codes". */
export function isAuthCode(code: number): boolean {
  return code === 60004 || code === 60005 || code === 60010 || code === 90009 || (code >= 70001 && code <= 70052);
}

/** Rate-limit and transient codes that are retried with backoff (spec.md trace). */
export const RETRYABLE_CODES: ReadonlySet<number> = new Set([60007, 60008, 60011, 60018, 60019, 70169, 70500, 91000]);

/** Whether a code is worth retrying. */
export function isRetryableCode(code: number): boolean {
  return RETRYABLE_CODES.has(code);
}

// Source labels, so every entry names its page the same way.
// `source` is shown to users (`chatpush explain`), so it names what they can open: a public page or the IM SDK's
// own header, never this project's reference notes (issue 11). Where each fact was checked is kept in comments:
// REST codes reference/protocols.md §2.3, Push §4.3, trace seeds/002 + §2.4, callbacks §3.3, loss §2.4/§4.4.
const REST = 'V2TIMErrorCode.h in the Chat (IM) SDK; https://cloud.tencent.com/document/product/679/131708';
const REST_679 = 'https://cloud.tencent.com/document/product/679/131708';
const PUSH = 'https://www.tencentcloud.com/document/product/1047/74196';
const TRACE = 'https://www.tencentcloud.com/document/product/1047/71896';
const CALLBACK = 'https://www.tencentcloud.com/document/product/1047/34364';
const LOSS = 'https://trtc.io/document/71898';

const RETRY = 'Retry after a short wait; chatpush retries this code with backoff.';
const VERIFY = "Run 'chatpush usersig verify <UserSig>' to check it against your SDKAppID, key and identifier.";
const ADMIN = "Use an App admin account as identifier (console > Account Management), e.g. 'chatpush config set identifier administrator'.";
const REGION = 'Check that --region (cn, sgp, kr, ger, usa, idn) is the data centre of this SDKAppID, and that the SDKAppID is right.';
const SUPPORT = 'Contact Tencent support with the RequestId of the failing request.';

type Entry = Omit<CodeInfo, 'category' | 'source' | 'confirmed'> & Partial<Pick<CodeInfo, 'source' | 'confirmed'>>;

function group(category: CodeCategory, source: string, entries: Entry[]): CodeInfo[] {
  return entries.map((e) => ({ confirmed: true, source, ...e, category }));
}

/** The table, sorted by code (a code may have entries in several categories, e.g. 70016). */
export const CODES: readonly CodeInfo[] = [
  ...group('loss', LOSS, [
    { code: -2, name: 'token not uploaded', aliases: ['token not uploaded'], meaning: 'Push loss before sending (ReadyToSendLoss): the device never uploaded a vendor token.', next: 'Check that the Push SDK registers with the vendor on the device and reports its token after IM login (see 800009).' },
    { code: -1, name: 'certificate id not set', aliases: ['certificate id not set'], meaning: 'Push loss before sending (ReadyToSendLoss): no vendor certificate is configured for this app and vendor.', next: 'Upload the vendor certificate / credentials in the Chat console (Push > Access Settings) and pass its certificate ID.' },
  ]),
  ...group('vendor', PUSH, [
    { code: -1, meaning: 'Vendor channel result: unknown error.', next: 'Read the ErrorInfo of the channel stage and the vendor console for this device.' },
  ]),
  ...group('rest', REST, [
    { code: 0, name: 'OK', meaning: 'Success: ErrorCode 0 means the request (or stage) succeeded.', next: 'Nothing to fix.' },
  ]),
  ...group('callback', CALLBACK, [
    { code: 1, name: 'forbid', meaning: 'Before-send callback reply ErrorCode 1: forbid the message (the sender gets 20006 for C2C, 10016 for groups); after-callbacks ignore it.', next: 'Return ErrorCode 0 to let the message through; a replay fixture can "expect" 1 when forbidding is intended.' },
    { code: 2, name: 'discard', meaning: 'Before-send callback reply ErrorCode 2: discard the message silently (the sender sees success).', next: 'Return ErrorCode 0 to deliver the message; use 2 only to drop it without telling the sender.' },
  ]),
  ...group('vendor', PUSH, [
    { code: 1, meaning: 'Vendor channel result: internal error at the vendor.', next: 'Retry later; if it persists, check the vendor console for this app.' },
  ]),
  ...group('loss', LOSS, [
    { code: 1, name: 'regid_invalid', aliases: ['regid_invalid'], meaning: 'Push loss after sending (PostSendDeliveredLoss): the vendor says the device token (regId) is invalid.', next: 'The app was probably uninstalled or its token rotated: have the device register again and upload the new token.' },
  ]),
  ...group('push-client', PUSH, [
    { code: 6014, meaning: 'TIMPush client: IM is not logged in.', next: 'Log in to IM before registering for push.' },
    { code: 9523, meaning: 'TIMPush client: network error.', next: "Check the device's network and retry." },
  ]),
  ...group('callback', CALLBACK, [
    { code: 10016, name: 'GROUP_REJECT_FROM_THIRDPARTY', meaning: 'The app backend rejected the group message through its before-send callback (reply ErrorCode 1).', next: "Expected if your backend forbids it; otherwise check your Group.CallbackBeforeSendMsg handler ('chatpush replay' shows its replies)." },
  ]),
  ...group('vendor', PUSH, [
    { code: 10001, meaning: 'Vendor channel result: system error at the vendor.', next: 'Retry later; if it persists, check the vendor console for this app.' },
  ]),
  ...group('callback', CALLBACK, [
    { code: 20006, name: 'MSG_PUSH_DENY', meaning: 'The C2C before-send callback answered "forbid" (reply ErrorCode 1), so the message was not sent.', next: "Expected if your backend forbids it; otherwise check your C2C.CallbackBeforeSendMsg handler ('chatpush replay' shows its replies)." },
  ]),
  ...group('rest', REST, [
    { code: 60002, name: 'ERR_SVR_COMM_INVALID_HTTP_URL', meaning: 'The HTTP request could not be parsed: the request URL is malformed.', next: 'Check the URL: https://<host>/v4/<service>/<command>?sdkappid=&identifier=&usersig=&random=&contenttype=json.' },
    { code: 60003, name: 'REQ_JSON_PARSE_FAILED', meaning: 'The request body is not valid JSON.', next: 'Send a JSON object as the body ({} when the API takes no parameters).' },
    { code: 60004, name: 'INVALID_ACCOUNT', meaning: 'The identifier or the UserSig in the request is wrong.', next: VERIFY },
    { code: 60005, name: 'INVALID_ACCOUNT_EX', meaning: 'The identifier or the UserSig in the request is wrong (same as 60004).', next: VERIFY },
    { code: 60006, name: 'INVALID_SDKAPPID', meaning: 'The SDKAppID is invalid (this is not a rate limit).', next: "Check the SDKAppID in the console against 'chatpush config get sdkappid'." },
    { code: 60007, name: 'REST_FREQ_LIMIT', meaning: 'The REST API call frequency limit was exceeded.', next: RETRY },
    { code: 60008, name: 'REQUEST_TIMEOUT', meaning: 'The service request timed out, or the HTTP request format is wrong.', next: RETRY },
    { code: 60009, name: 'INVALID_RES', meaning: 'Request resource error: the API path is wrong.', next: 'Check the API path (v4/<service>/<command>) and the host.' },
    { code: 60010, name: 'ID_NOT_ADMIN', meaning: 'The identifier is not an App admin account.', next: ADMIN },
    { code: 60011, name: 'SDKAPPID_FREQ_LIMIT', meaning: 'The request frequency limit of this SDKAppID was exceeded.', next: RETRY },
    { code: 60012, name: 'SDKAPPID_MISS', meaning: 'The URL has no sdkappid parameter.', next: "Set the SDKAppID ('chatpush config set sdkappid 1400…' or CHATPUSH_SDKAPPID)." },
    { code: 60013, name: 'RSP_JSON_PARSE_FAILED', meaning: 'The service could not parse a JSON response internally.', next: `Retry; if it persists: ${SUPPORT}` },
    { code: 60014, name: 'EXCHANGE_ACCOUNT_TIMEOUT', meaning: 'Account exchange timed out.', next: 'Retry after a short wait.' },
    { code: 60015, name: 'INVALID_ID_FORMAT', meaning: 'An identifier has the wrong type (it must be a string).', next: 'Send UserIDs as JSON strings.' },
    { code: 60016, name: 'SDKAPPID_FORBIDDEN', meaning: 'This SDKAppID is disabled.', next: "Check the app's status and billing in the console." },
    { code: 60017, name: 'REQ_FORBIDDEN', meaning: 'The request is disabled for this app.', next: `Check in the console that the feature behind this API is enabled; otherwise: ${SUPPORT}` },
    { code: 60018, name: 'REQ_FREQ_LIMIT', meaning: 'Too many requests.', next: RETRY },
    { code: 60019, name: 'REQ_FREQ_LIMIT_EX', meaning: 'Too many requests.', next: RETRY },
    { code: 60020, name: 'INVALID_SERVICE', meaning: 'No package purchased, the package is not effective yet, or the Pro package expired.', next: "Check the app's package in the console; a new purchase takes about 5 minutes to take effect." },
  ]),
  ...group('rest', REST_679, [
    { code: 60021, meaning: 'The IP address calling the REST API is not allowed.', next: 'Check the REST API IP allowlist of the app in the console.' },
  ]),
  // reference/protocols.md section 2.3: codes listed with no description anywhere public.
  ...group('rest', 'no public description found', [
    { code: 60022, confirmed: false, meaning: 'UNCONFIRMED: in the common REST range, but no stored source describes this code.', next: `Read the ErrorInfo returned with it; ${SUPPORT}` },
    { code: 60023, confirmed: false, meaning: 'UNCONFIRMED: in the common REST range, but no stored source describes this code.', next: `Read the ErrorInfo returned with it; ${SUPPORT}` },
  ]),
  ...group('rest', REST, [
    { code: 70001, name: 'USERSIG_EXPIRED', meaning: 'The UserSig has expired.', next: "Generate a new one ('chatpush usersig gen'); a validity of at least 24 h is advised." },
    { code: 70002, name: 'USERSIG_EMPTY', meaning: 'The UserSig is empty (length 0).', next: "Store the secret key so chatpush can sign ('chatpush config set secretKey'), or pass a UserSig with --usersig." },
    { code: 70003, name: 'USERSIG_CHECK_FAILED', meaning: 'The UserSig could not be verified: it is malformed or truncated.', next: "Copy the whole UserSig or generate a new one ('chatpush usersig gen'); check it with 'chatpush usersig verify'." },
    { code: 70005, name: 'USERSIG_CHECK_FAILED_EX', meaning: 'The UserSig could not be verified.', next: VERIFY },
    { code: 70009, name: 'MISMATCH_PUBLICKEY', meaning: 'UserSig verification with the key failed: the key does not match this SDKAppID.', next: "Check the secret key in the console (Applications > Basic Information), or run 'chatpush usersig verify'." },
    { code: 70013, name: 'MISMATCH_ID', meaning: 'The identifier in the request differs from the identifier the UserSig was issued for.', next: "Sign for the identifier you send ('chatpush usersig gen --identifier <admin>'), or fix --identifier." },
    { code: 70014, name: 'MISMATCH_SDKAPPID', meaning: 'The SDKAppID in the request differs from the SDKAppID the UserSig was issued for.', next: 'Sign with the SDKAppID you send, or fix --sdkappid.' },
    { code: 70016, name: 'PUBLICKEY_NOT_FOUND', meaning: 'No key was found for this SDKAppID; usually the request went to the wrong data centre.', next: REGION },
    { code: 70020, name: 'SDKAPPID_NOT_FOUND', meaning: 'The SDKAppID was not found; usually the request went to the wrong data centre.', next: REGION },
    { code: 70050, name: 'ACCOUNT_FREQ_LIMIT', meaning: 'The account is locked after too many failed verifications.', next: "Fix the UserSig first ('chatpush usersig verify'), then retry after a minute." },
    { code: 70051, name: 'ACCOUNT_BLACKLIST', meaning: 'The account is on the blocklist.', next: SUPPORT },
    { code: 70052, name: 'INVALID_USERSIG', meaning: 'The UserSig has become invalid.', next: "Generate a new one ('chatpush usersig gen')." },
  ]),
  ...group('rest', REST_679, [
    { code: 70107, name: 'ACCOUNT_NOT_FOUND', meaning: 'The requested account does not exist or was never imported.', next: 'Check the UserID, or import / create the account first.' },
  ]),
  ...group('rest', REST, [
    { code: 70114, name: 'SEC_RSTR', meaning: 'The request is restricted for security reasons.', next: SUPPORT },
    { code: 70169, name: 'INTERNAL_TIMEOUT', meaning: 'The server timed out internally.', next: RETRY },
    { code: 70206, name: 'INVALID_COUNT', meaning: 'The number of items in the batch is invalid.', next: "Send no more items per request than the API's limit." },
    { code: 70398, name: 'ACCOUNT_COUNT_LIMIT', meaning: 'The number of accounts exceeds the Free Trial limit.', next: 'Upgrade the app to Pro, or delete unused accounts.' },
    { code: 70402, name: 'INVALID_PARAMETERS', meaning: 'A parameter is invalid (a required field is missing or has the wrong format).', next: "Check the request's fields and formats against the API page." },
    { code: 70403, name: 'ADMIN_REQUIRED', meaning: 'The request requires an App admin account.', next: ADMIN },
    { code: 70500, name: 'INTERNAL_ERROR', meaning: 'Internal server error.', next: RETRY },
    { code: 72001, name: 'USER_STATUS_DISABLED', meaning: 'The user status feature is not enabled for this app.', next: 'Enable user status in the console (Feature Configuration).' },
  ]),
  ...group('push-client', PUSH, [
    { code: 70016, meaning: 'TIMPush client: the key is missing (wrong appKey).', next: 'Check the appKey / SDKAppID pair given to the Push SDK against the Push console.' },
  ]),
  ...group('rest', REST, [
    { code: 80001, name: 'COMM_SENSITIVE_TEXT', meaning: 'The message contains sensitive words.', next: 'Change the content, or review the content moderation settings in the console.' },
    { code: 80002, name: 'BODY_SIZE_LIMIT', meaning: 'The message body is too long.', next: 'Shorten the message body.' },
  ]),
  ...group('timpush', PUSH, [
    { code: 90001, meaning: 'Push request: JSON parse failed.', next: 'Send a valid JSON body.' },
    { code: 90005, meaning: 'Push request: MsgRandom is missing or not an integer.', next: 'Send MsgRandom as a 32-bit unsigned integer.' },
    { code: 90009, meaning: 'The request requires App administrator permissions (normal_push_trace: "The request lacks permissions").', next: ADMIN, source: `${PUSH}; ${TRACE}` },
    { code: 90018, meaning: 'Push request: too many accounts.', next: 'Send fewer accounts per request.' },
    { code: 90020, meaning: 'Push request: a tag is longer than 50 bytes.', next: 'Shorten the tag to 50 bytes or less.' },
    { code: 90022, meaning: 'Push request: duplicate tags in TagsOr / TagsAnd.', next: 'Remove the duplicate tags.' },
    { code: 90024, meaning: 'Pushes are too frequent (less than 1 s apart).', next: 'Wait at least 1 s between pushes.' },
    { code: 90026, meaning: 'Push request: the offline storage time is wrong.', next: 'Check the offline storage time you send.' },
    { code: 90032, meaning: 'Push request: more than 10 tags.', next: 'Use at most 10 tags.' },
    { code: 90033, meaning: 'Push request: invalid attribute.', next: 'Check the attribute names and values.' },
    { code: 90039, meaning: 'Push request: attribute push and tag push cannot be combined.', next: 'Push by attributes or by tags, not both.' },
    { code: 90040, meaning: 'Push request: a tag is empty.', next: 'Remove empty tags.' },
    { code: 90045, meaning: 'The push feature is not enabled (all-user / tag / single push; normal_push_trace: "The service is not enabled").', next: 'Enable the Push service and the push feature you call in the console.', source: `${PUSH}; ${TRACE}` },
    { code: 90047, meaning: 'The daily push limit was reached (default 100).', next: 'Wait until tomorrow, or ask Tencent support to raise the limit.' },
    { code: 90049, meaning: 'The TaskId is invalid.', next: 'Check the TaskId.' },
    { code: 90050, meaning: 'The push was already recalled.', next: 'Nothing to do: a push is recalled once.' },
    { code: 90051, meaning: 'Recalls are limited to 1 per second.', next: 'Wait 1 s between recalls.' },
    { code: 90052, meaning: 'The push is older than 24 h and can no longer be recalled.', next: 'Only recall pushes from the last 24 h.' },
    { code: 90053, meaning: 'A recall needs OfflinePushInfo.', next: 'Include OfflinePushInfo in the recall request.' },
    { code: 90056, meaning: 'The all-user push body is larger than 10 KB.', next: 'Shorten the body to under 10 KB.' },
  ]),
  // The normal_push_trace page is the only source for these three; its wording is quoted, nothing is added.
  ...group('timpush', TRACE, [
    { code: 90100, name: 'private trace error', confirmed: false, meaning: 'UNCONFIRMED private normal_push_trace error; the page says: "Invalid request parameters."', next: 'The page says: "Check whether the parameters are legal according to the documentation." Read the ErrorInfo returned with it.' },
    { code: 90102, name: 'private trace error', confirmed: false, meaning: 'UNCONFIRMED private normal_push_trace error; the page says: "Internal error, please try again later."', next: 'Try again later; read the ErrorInfo returned with it.' },
    { code: 90103, name: 'private trace error', confirmed: false, meaning: 'UNCONFIRMED private normal_push_trace error; the page says: "Failed to switch accounts."', next: 'The page says: "Please check if the UserID is valid." Read the ErrorInfo returned with it.' },
  ]),
  ...group('rest', REST, [
    { code: 90992, name: 'MSG_INTERNAL_ERROR5', meaning: 'Internal error; when every request fails and callbacks are on, the app backend is probably not answering its callbacks.', next: "Check that your callback backend answers in time ('chatpush replay <fixture> --url <backend>'); otherwise retry." },
  ]),
  ...group('timpush', `${REST}; ${PUSH}; ${TRACE}`, [
    { code: 91000, name: 'MSG_INTERNAL_ERROR4', meaning: 'Internal server error (normal_push_trace page: "Request error").', next: RETRY },
  ]),
  ...group('push-client', PUSH, [
    { code: 800001, meaning: 'TIMPush client: the appKey is invalid.', next: 'Copy the appKey from the Push console into the app.' },
    { code: 800002, meaning: 'TIMPush client: the SDKAppID is invalid.', next: 'Check the SDKAppID the app passes to the Push SDK.' },
    { code: 800003, meaning: 'TIMPush client: initialisation failed.', next: 'Check the Push SDK integration and the client log.' },
    { code: 800004, meaning: 'TIMPush client: the long connection failed.', next: "Check the device's network and IM login." },
    { code: 800005, meaning: 'TIMPush client: registering with the native vendor channel failed.', next: "Check this vendor's configuration (app ID / key, certificate) in the app and the console." },
    { code: 800006, meaning: 'TIMPush client: the FCM fallback failed.', next: 'Check Google Play services on the device and the FCM configuration.' },
    { code: 800007, meaning: 'TIMPush client: every push channel failed.', next: "Check the vendor configuration and the device's network." },
    { code: 800008, meaning: 'TIMPush client: registration timed out.', next: "Retry; check the device's network." },
    { code: 800009, meaning: 'TIMPush client: the push token is empty.', next: 'The device got no vendor token: check vendor registration on the device (and see loss reason "token not uploaded").' },
    { code: 800010, meaning: 'TIMPush client: setting the token failed.', next: 'Retry after IM login and check the client log.' },
    { code: 800011, meaning: 'TIMPush client: disabling auto-registration failed.', next: 'Check the client log.' },
    { code: 800012, meaning: 'TIMPush client: disabling the permission request failed.', next: 'Check the client log.' },
    { code: 800013, meaning: 'TIMPush client: creating the notification channel failed.', next: 'Check the channel ID and the Android notification channel settings.' },
    { code: 800014, meaning: 'TIMPush client: setting the configuration failed.', next: 'Check the configuration passed to the Push SDK.' },
    { code: 800015, meaning: 'TIMPush client: the experimental API call failed.', next: 'Check the experimental API name and parameters.' },
    { code: 800016, meaning: 'TIMPush client: the user denied the notification permission.', next: 'Ask the user to allow notifications for the app in the system settings.' },
  ]),
  // v2 push diagnostics (issue 12): the loss code of the loss samples that had no entry, and the private
  // codes of query_online_status (reference/push-apis.md sections 9, 11.3).
  ...group('loss', 'https://trtc.io/document/71898 (its sample response)', [
    { code: 410, name: 'Unregistered', aliases: ['unregistered'], confirmed: false, meaning: 'Push loss after sending (PostSendDeliveredLoss): UNCONFIRMED reading of the sample\'s ErrInfo "Unregistered": the token is no longer registered with the vendor (app uninstalled or token rotated).', next: 'Have the user open the app so it logs in and uploads a fresh token; tokens of uninstalled apps cannot be revived.' },
  ]),
  ...group('timpush', 'https://www.tencentcloud.com/document/product/1047/35477 (its error table)', [
    { code: 90003, meaning: 'query_online_status: an element of To_Account is not a string.', next: 'Send UserIDs as JSON strings.' },
    { code: 90011, meaning: 'query_online_status: more than 500 accounts in one request.', next: 'Send at most 500 accounts per request (chatpush online splits larger lists).' },
    { code: 90994, meaning: 'Internal error.', next: 'Retry after a short wait.' },
    { code: 90995, meaning: 'Internal error.', next: 'Retry after a short wait.' },
  ]),
  // OpenIM's server errors for a failed webhook (reference/callbacks.md sections B3, B4: open-im-server v3.8.3
  // pkg/common/servererrs/code.go:43-44, raised in pkg/common/webhook/http_client.go:85-90). The same numbers sit in
  // Tencent's per-API REST range, where the push API's error table does not list them: that side says so and sends
  // the reader to the table of the API that answered, without inventing a meaning.
  ...group('callback', 'https://github.com/openimsdk/open-im-server (v3.8.3: pkg/common/servererrs/code.go, pkg/common/webhook/http_client.go)', [
    { code: 90004, name: 'OpenIM ErrNetwork', meaning: 'OpenIM: a before-webhook could not be reached, timed out (5 s by default) or redirected more than 10 times; the operation is blocked (failedContinue is never read).', next: "Check that your webhook backend is up and answers within the webhook's timeout ('chatpush replay --command <webhook> --url <base>' shows it)." },
    { code: 90007, name: 'OpenIM ErrData', meaning: 'OpenIM: a before-webhook reply could not be decoded into the response struct ("response format error": not JSON, or a field of the wrong type, e.g. "nextCode": "1"); the operation is blocked.', next: "Reply with JSON whose fields have the types OpenIM expects ('chatpush replay' against your backend names the bad field)." },
  ]),
  ...group('rest', PUSH, [
    { code: 90004, confirmed: false, meaning: "Tencent Chat REST: a code in the per-API range (90000–91000) that the push API's error table does not list; its meaning depends on the API that returned it.", next: 'Look it up in the error table of the API that returned it (its ErrorInfo usually says more).' },
    { code: 90007, confirmed: false, meaning: "Tencent Chat REST: a code in the per-API range (90000–91000) that the push API's error table does not list; its meaning depends on the API that returned it.", next: 'Look it up in the error table of the API that returned it (its ErrorInfo usually says more).' },
  ]),
].sort((a, b) => a.code - b.code); // stable: entries of one code keep their order

/** Code ranges whose members share one meaning; looked up after exact codes. */
export const CODE_RANGES: readonly (Omit<CodeInfo, 'code'> & { range: readonly [number, number] })[] = [
  { range: [5000, 9999], category: 'callback', name: 'OpenIM custom errCode', meaning: 'A custom errCode (5000–9999) set by an OpenIM webhook reply: with actionCode 0 and nextCode 1 it stops the push and surfaces as the error.', next: 'Expected if your backend refuses on purpose; otherwise check why its reply sets nextCode 1 (replay reports it as "push refused by backend").', confirmed: true, source: 'https://docs.openim.io, "Callback Before Pushing Messages in Offline State"' }, // seeds/003, reference/protocols.md section 5.5
  { range: [120001, 130000], category: 'callback', name: 'custom before-send code', meaning: 'A custom ErrorCode (120001–130000) returned by a before-send callback: the message is forbidden and the code and ErrorInfo are passed to the sender.', next: 'Expected if your backend forbids on purpose; the sender sees your ErrorInfo.', confirmed: true, source: CALLBACK },
];

/** Wider ranges that are not meanings, only where a code comes from and where to look it up. */
const FAMILIES: readonly { range: readonly [number, number]; name: string; where: string }[] = [
  { range: [60000, 79999], name: 'the common REST range (60000–79999)', where: 'V2TIMErrorCode.h in the IM SDK, or https://cloud.tencent.com/document/product/679/131708' },
  { range: [80000, 89999], name: 'the message range (80000–89999)', where: 'V2TIMErrorCode.h in the IM SDK, or the error table of the API that returned it' },
  { range: [90000, 91000], name: 'the per-API range (90000–91000)', where: 'the error table of the API that returned it; for push: https://www.tencentcloud.com/document/product/1047/74196' },
  { range: [800000, 899999], name: 'the TIMPush client SDK range (800000–899999)', where: 'https://www.tencentcloud.com/document/product/1047/74196' },
];

const byCode = new Map<number, CodeInfo[]>();
for (const c of CODES) byCode.set(c.code, [...(byCode.get(c.code) ?? []), c]);

/** Priority when one code has several meanings: what a REST / trace caller most likely saw comes first. */
const CATEGORY_ORDER: readonly CodeCategory[] = ['rest', 'timpush', 'callback', 'replay', 'push-client', 'vendor', 'loss'];

/** Every entry for a code (exact entries first, in category priority, then a matching range). */
export function lookupCodes(code: number): CodeInfo[] {
  const exact = [...(byCode.get(code) ?? [])].sort((a, b) => CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category));
  const ranged = CODE_RANGES.filter((r) => code >= r.range[0] && code <= r.range[1]).map((r) => ({ ...r, code }));
  return [...exact, ...ranged];
}

/** Looks up a code (the most likely meaning, ranges included); undefined when the table does not know it. */
export function lookupCode(code: number): CodeInfo | undefined {
  return lookupCodes(code)[0];
}

/** Looks up a push-loss reason by its text (e.g. "certificate id not set"), case-insensitively. */
export function lookupReason(text: string): CodeInfo | undefined {
  const key = text.trim().toLowerCase().replace(/\s+/g, ' ');
  return CODES.find((c) => c.aliases?.includes(key));
}

/** For a code the table does not know: which family it belongs to and where to look it up. */
export function codeFamily(code: number): { name: string; where: string } | undefined {
  const f = FAMILIES.find((x) => code >= x.range[0] && code <= x.range[1]);
  return f && { name: f.name, where: f.where };
}
