/**
 * The callback catalogue's data (fixtures/catalogue.json, fixtures/callbacks/<protocol>/*.json,
 * fixtures/schemas/<protocol>/*.schema.json) kept honest in CI:
 * - at least 45 Tencent commands and 45 OpenIM webhooks, each with a sample and a schema named by command;
 * - every shipped sample validates against its schema (ajv), detects as its command, and passes every transport
 *   check `chatpush listen` applies to the request replay builds from it;
 * - every schema's top-level fields are exactly the reference's field list (REFERENCE_FIELDS below, checked by
 *   hand against reference/callbacks.md §A6 (Tencent) and §B6/§B7 (OpenIM); a few commands carry extra fields
 *   documented elsewhere, listed in EXTRA with the reason).
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { stripComments } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import { parseFixture } from '../../src/replay/fixture.js';
import { buildTarget, detectCommand, signCallback } from '../../src/replay/protocols.js';
import { validateCallback } from '../../src/replay/validate.js';
import { ROOT } from '../helpers/cli.js';

interface Entry {
  command: string;
  protocol: 'tencent' | 'openim';
  kind: string;
  file: string;
  schema: string;
}
const CATALOGUE = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'catalogue.json'), 'utf8')) as { commands: Entry[] };
const ajv = new Ajv({ allErrors: true, strict: false });
const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
/** One compiled validator per schema ($id must be unique in an Ajv instance). */
function validatorOf(e: Entry): ReturnType<typeof ajv.compile> {
  let v = compiled.get(e.command);
  if (!v) compiled.set(e.command, (v = ajv.compile(schemaOf(e))));
  return v;
}

/** Top-level request fields per command, from reference/callbacks.md (push callbacks: the fields of one event). */
const REFERENCE_FIELDS: Record<string, string> = {
  'State.StateChange': 'EventTime Info KickedDevice',
  'Profile.CallbackPortraitSet': 'Operator_Account From_Account EventTime ProfileItem',
  'Sns.CallbackPrevFriendAdd': 'Requester_Account From_Account FriendItem AddType ForceAddFlags EventTime',
  'Sns.CallbackPrevFriendResponse': 'Requester_Account From_Account ResponseFriendItem EventTime',
  'Sns.CallbackFriendAdd': 'PairList ClientCmd Admin_Account ForceFlag',
  'Sns.CallbackFriendDelete': 'PairList',
  'Sns.CallbackBlackListAdd': 'PairList',
  'Sns.CallbackBlackListDelete': 'PairList',
  'Follow.CallbackAfterFollowAdd': 'From_Account FollowList EventTime',
  'Follow.CallbackAfterFollowDelete': 'From_Account To_Account EventTime',
  'C2C.CallbackBeforeSendMsg': 'From_Account To_Account MsgSeq MsgRandom MsgTime MsgKey MsgId OnlineOnlyFlag MsgBody CloudCustomData EventTime',
  'C2C.CallbackAfterSendMsg': 'From_Account To_Account MsgSeq MsgRandom MsgTime MsgKey MsgId OnlineOnlyFlag SendMsgResult ErrorInfo UnreadMsgNum MsgBody CloudCustomData EventTime',
  'C2C.CallbackAfterMsgReport': 'Report_Account Peer_Account LastReadTime UnreadMsgNum EventTime',
  'C2C.CallbackAfterMsgWithDraw': 'From_Account To_Account MsgKey UnreadMsgNum EventTime',
  'C2C.CallbackAfterC2CMsgExtension': 'From_Account To_Account MsgKey OperateType ExtensionList Seq EventTime',
  'Group.CallbackBeforeCreateGroup': 'Operator_Account Owner_Account Type Name CreateGroupNum MemberList EventTime',
  'Group.CallbackAfterCreateGroup': 'GroupId Operator_Account Owner_Account Type Name MemberList UserDefinedDataList EventTime',
  'Group.CallbackBeforeApplyJoinGroup': 'GroupId Type Requestor_Account EventTime',
  'Group.CallbackBeforeInviteJoinGroup': 'GroupId Type Operator_Account DestinationMembers EventTime',
  'Group.CallbackAfterNewMemberJoin': 'GroupId Type Operator_Account JoinType NewMemberList EventTime',
  'Group.CallbackAfterMemberExit': 'GroupId Type Operator_Account ExitType ExitMemberList EventTime',
  'Group.CallbackBeforeSendMsg': 'GroupId Type From_Account Operator_Account Random OnlineOnlyFlag MsgBody CloudCustomData EventTime TopicId',
  'Group.CallbackAfterSendMsg': 'GroupId Type From_Account Operator_Account Random MsgId MsgSeq MsgTime OnlineOnlyFlag MsgBody CloudCustomData EventTime TopicId GroupAtInfo',
  'Group.CallbackAfterGroupFull': 'GroupId EventTime',
  'Group.CallbackAfterGroupDestroyed': 'GroupId Type Owner_Account Name MemberList EventTime',
  'Group.CallbackAfterGroupInfoChanged': 'GroupId Type Operator_Account Notification EventTime Name Introduction FaceUrl',
  'Group.CallbackOnMemberStateChange': 'GroupId EventType MemberList',
  'Group.CallbackSendMsgException': 'GroupId Type From_Account Operator_Account Random OnlineOnlyFlag MsgBody CloudCustomData ErrorCode ErrorInfo EventTime TopicId',
  'Group.CallbackAfterRecallMsg': 'GroupId Type Operator_Account MsgSeqList TopicId EventTime',
  'Group.CallbackAfterMemberFieldChanged': 'GroupId Type Operator_Account Member_Account Role NameCard EventTime',
  'Group.CallbackAfterGroupAttrChanged': 'GroupId Type Operator_Account OptionType GroupAttr EventTime',
  'Group.CallbackAfterReadReceipt': 'GroupId Type GroupMsgReceiptList EventTime',
  'Group.CallbackAfterChangeGroupOwner': 'GroupId Type Operator_Account OldOwner_Account NewOwner_Account EventTime',
  'Group.CallbackAfterGroupMsgExtension': 'GroupId MsgSeq OperateType ExtensionList Seq EventTime',
  'Group.CallbackBeforeCreateTopic': 'Operator_Account Type Name EventTime',
  'Group.CallbackAfterCreateTopic': 'GroupId TopicId Operator_Account Owner_Account Type Name UserDefinedDataList EventTime',
  'Group.CallbackAfterTopicDestroyed': 'GroupId Type TopicIdList EventTime',
  'Group.CallbackAfterTopicInfoChanged': 'GroupId Type Operator_Account Name Introduction Notification FaceUrl EventTime',
  'Push.OfflinePush': 'EventType EventTime From_Account To_Account PushPlatform PushStage MsgKey MsgSeq MsgRandom MsgTime PushID ErrCode ErrInfo GroupID',
  'Push.AllMemberPush': 'EventType TaskId TaskTime EventTime To_Account PushPlatform PushStage ErrCode ErrInfo',
  'Alert.RequestOverLimit': 'ServiceName Command Request Limit',
  'OfficialAccount.CallbackBeforeCreateOfficialAccount': 'Operator_Account Owner_Account Name EventTime',
  'OfficialAccount.CallbackAfterCreateOfficialAccount': 'Official_Account Operator_Account Owner_Account Name EventTime',
  'OfficialAccount.CallbackAfterOfficialAccountInfoChanged': 'Official_Account Operator_Account Introduction Name FaceUrl Organization EventTime',
  'OfficialAccount.CallbackAfterOfficialAccountDestroyed': 'Official_Account Owner_Account Name EventTime',
  'OfficialAccount.CallbackBeforeAddSubscriber': 'Official_Account Operator_Account SubscribeAccountList EventTime',
  'OfficialAccount.CallbackAfterAddSubscriber': 'Official_Account Operator_Account SubscribeAccountList EventTime',
  'OfficialAccount.CallbackAfterOfficialAccountFull': 'Official_Account EventTime',
  'OfficialAccount.CallbackAfterDeleteSubscriber': 'Official_Account Operator_Account SubscribeAccountList EventTime',
  'OfficialAccount.CallbackBeforeSendMsg': 'Official_Account OnlineOnlyFlag MsgBody CloudCustomData EventTime',
  'OfficialAccount.CallbackAfterSendMsg': 'Official_Account MsgKey MsgTime OnlineOnlyFlag MsgBody CloudCustomData EventTime',
  'OfficialAccount.CallbackAfterMsgWithDraw': 'Official_Account WithdrawMsgList EventTime',
  'Bot.OnC2CMessage': 'From_Account To_Account MsgSeq MsgRandom MsgTime MsgKey OnlineOnlyFlag SendMsgResult ErrorInfo MsgBody CloudCustomData EventTime',
  'Bot.OnGroupMessage': 'GroupId Type From_Account Operator_Account Random MsgSeq MsgRandom OnlineOnlyFlag MsgBody AtRobotAccount CloudCustomData EventTime IsPlaceMsg',
  'Chatbot.OnC2CSignalMessage': 'From_Account To_Account MsgSeq MsgRandom MsgKey EventTime Data',
  'Group.CallbackOnDailyGroupQuotaAlarm': 'QuotaUsed Quota EventTime',
  'ContentCallback.ResultNotify': 'Scene From_Account ContactItem ContentType TextContent FileURL MsgID CtxcbResult CtxcbRequestId CtxcbKeywords CtxcbSuggestion CtxcbLabel CloudCustomData',
  'callbackBeforeSendSingleMsgCommand': 'sendID serverMsgID clientMsgID operationID senderPlatformID senderNickname sessionType msgFrom contentType status sendTime createTime content seq atUserList faceURL ex recvID',
  'callbackBeforeUpdateUserInfoExCommand': 'userID nickName faceURL ex',
  'callbackAfterUpdateUserInfoExCommand': 'userID nickName faceURL ex',
  'callbackAfterSendSingleMsgCommand': 'sendID serverMsgID clientMsgID operationID senderPlatformID senderNickname sessionType msgFrom contentType status sendTime createTime content seq atUserList faceURL ex recvID',
  'callbackBeforeSendGroupMsgCommand': 'sendID serverMsgID clientMsgID operationID senderPlatformID senderNickname sessionType msgFrom contentType status sendTime createTime content seq atUserList faceURL ex groupID',
  'callbackBeforeMsgModifyCommand': 'sendID serverMsgID clientMsgID operationID senderPlatformID senderNickname sessionType msgFrom contentType status sendTime createTime content seq atUserList faceURL ex',
  'callbackAfterSendGroupMsgCommand': 'sendID serverMsgID clientMsgID operationID senderPlatformID senderNickname sessionType msgFrom contentType status sendTime createTime content seq atUserList faceURL ex groupID',
  'callbackAfterMsgSaveDBCommand': 'sendID serverMsgID clientMsgID operationID senderPlatformID senderNickname sessionType msgFrom contentType status sendTime createTime content seq atUserList faceURL ex recvID groupID',
  'callbackAfterUserOnlineCommand': 'operationID platformID platform userID seq isAppBackground connID',
  'callbackAfterUserOfflineCommand': 'operationID platformID platform userID seq connID',
  'callbackAfterUserKickOffCommand': 'operationID platformID platform userID seq',
  'callbackBeforeOfflinePushCommand': 'operationID platformID platform userIDList title desc ex iOSPushSound iOSBadgeCount signalInfo clientMsgID sendID groupID contentType sessionType atUserIDList content',
  'callbackBeforeOnlinePushCommand': 'operationID platformID platform userIDList clientMsgID sendID groupID contentType sessionType atUserIDList content',
  'callbackBeforeGroupOnlinePushCommand': 'operationID platformID platform clientMsgID sendID groupID contentType sessionType atUserIDList content seq',
  'callbackBeforeAddFriendCommand': 'fromUserID toUserID reqMsg ex',
  'callbackBeforeUpdateUserInfoCommand': 'userID nickName faceURL ex',
  'callbackAfterUpdateUserInfoCommand': 'userID nickName faceURL ex',
  'callbackBeforeCreateGroupCommand': 'operationID groupID groupName notification introduction faceURL ownerUserID createTime memberCount ex status creatorUserID groupType needVerification lookMemberInfo applyMemberFriend notificationUpdateTime notificationUserID initMemberList',
  'callbackAfterCreateGroupCommand': 'groupID groupName notification introduction faceURL ownerUserID createTime memberCount ex status creatorUserID groupType needVerification lookMemberInfo applyMemberFriend notificationUpdateTime notificationUserID initMemberList',
  'callbackBeforeMembersJoinGroupCommand': 'groupID memberList groupEx',
  'callbackBeforeSetGroupMemberInfoCommand': 'groupID userID nickName faceURL roleLevel ex',
  'callbackAfterSetGroupMemberInfoCommand': 'groupID userID nickName faceURL roleLevel ex',
  'callbackAfterQuitGroupCommand': 'groupID userID',
  'callbackAfterKickGroupCommand': 'groupID kickedUserIDs reason',
  'callbackAfterDisMissGroupCommand': 'groupID ownerID groupType membersID',
  'callbackBeforeJoinGroupCommand': 'groupID groupType applyID reqMessage ex',
  'callbackAfterGroupMsgReadCommand': 'sendID receiveID unreadMsgNum contentType',
  'callbackAfterSingleMsgReadCommand': 'conversationID userID Seqs contentType',
  'callbackBeforeUserRegisterCommand': 'users',
  'callbackAfterUserRegisterCommand': 'users',
  'callbackAfterTransferGroupOwnerCommand': 'groupID oldOwnerUserID newOwnerUserID',
  'callbackBeforeSetFriendRemarkCommand': 'ownerUserID friendUserID remark',
  'callbackAfterSetFriendRemarkCommand': 'ownerUserID friendUserID remark',
  'callbackAfterJoinGroupCommand': 'operationID groupID reqMessage joinSource inviterUserID',
  'callbackBeforeInviteJoinGroupCommand': 'operationID groupID reason invitedUserIDs',
  'callbackAfterSetGroupInfoCommand': 'operationID groupID groupName notification introduction faceURL ex needVerification lookMemberInfo applyMemberFriend',
  'callbackBeforeSetGroupInfoCommand': 'operationID groupID groupName notification introduction faceURL ex needVerification lookMemberInfo applyMemberFriend',
  'callbackAfterSetGroupInfoExCommand': 'operationID groupID groupName notification introduction faceURL ex needVerification lookMemberInfo applyMemberFriend',
  'callbackBeforeSetGroupInfoExCommand': 'operationID groupID groupName notification introduction faceURL ex needVerification lookMemberInfo applyMemberFriend',
  'callbackBeforeAfterMsgCommand': 'conversationID seq userID',
  'callbackBeforeAddBlackCommand': 'ownerUserID blackUserID',
  'callbackAfterAddFriendCommand': 'fromUserID toUserID reqMsg',
  'callbackBeforeAddFriendAgreeCommand': 'fromUserID blackUserID HandleResult HandleMsg',
  'callbackAfterAddFriendAgreeCommand': 'fromUserID blackUserID HandleResult HandleMsg',
  'callbackAfterDeleteFriendCommand': 'ownerUserID friendUserID',
  'callbackBeforeImportFriendsCommand': 'ownerUserID friendUserIDs',
  'callbackAfterImportFriendsCommand': 'ownerUserID friendUserIDs',
  'callbackAfterRemoveBlackCommand': 'ownerUserID blackUserID',
  'callbackBeforeCreateSingleChatConversationsCommand': 'ownerUserId conversationId conversationType userId recvMsgOpt isPinned isPrivateChat burnDuration groupAtType attachedInfo ex',
  'callbackAfterCreateSingleChatConversationsCommand': 'ownerUserId conversationId conversationType userId recvMsgOpt isPinned isPrivateChat burnDuration groupAtType attachedInfo ex',
  'callbackBeforeCreateGroupChatConversationsCommand': 'ownerUserId conversationId conversationType groupId recvMsgOpt isPinned isPrivateChat burnDuration groupAtType attachedInfo ex',
  'callbackAfterCreateGroupChatConversationsCommand': 'ownerUserId conversationId conversationType groupId recvMsgOpt isPinned isPrivateChat burnDuration groupAtType attachedInfo ex',
  'callbackBeforePushCommand': 'platformID platform userIDList title desc ex iOSPushSound iOSBadgeCount signalInfo clientMsgID sendID groupID contentType sessionType atUserIDList content',
};

/** Fields beyond the reference's list, and why. */
const EXTRA: Record<string, string[]> = {
  // The v1 samples (captured bodies) carry MsgId and EventTime; protocols.md §3.4 lists both on newer pages.
  'C2C.CallbackBeforeSendMsg': ['MsgId', 'EventTime'],
};

function schemaOf(e: Entry): { properties: Record<string, unknown>; required?: string[] } {
  return JSON.parse(readFileSync(join(ROOT, 'fixtures', 'schemas', e.schema), 'utf8')) as { properties: Record<string, unknown> };
}

function topFields(e: Entry): string[] {
  const s = schemaOf(e);
  const props = 'Events' in s.properties ? (s.properties.Events as { items: { properties: Record<string, unknown> } }).items.properties : s.properties;
  return Object.keys(props).filter((k) => k !== 'CallbackCommand' && k !== 'callbackCommand');
}

describe('the callback catalogue', () => {
  it('has at least 45 commands per protocol, 90+ in all, each named once', () => {
    const tencent = CATALOGUE.commands.filter((c) => c.protocol === 'tencent');
    const openim = CATALOGUE.commands.filter((c) => c.protocol === 'openim');
    expect(tencent.length).toBeGreaterThanOrEqual(45);
    expect(openim.length).toBeGreaterThanOrEqual(45);
    expect(CATALOGUE.commands.length).toBeGreaterThanOrEqual(90);
    expect(new Set(CATALOGUE.commands.map((c) => c.command)).size).toBe(CATALOGUE.commands.length);
  });

  it('has a reference field list for every command, and no list for a command it lacks', () => {
    expect(Object.keys(REFERENCE_FIELDS).sort()).toEqual(CATALOGUE.commands.map((c) => c.command).sort());
  });

  it('every file under fixtures/callbacks/<protocol>/ belongs to a catalogue command', () => {
    for (const protocol of ['tencent', 'openim']) {
      for (const f of readdirSync(join(ROOT, 'fixtures', 'callbacks', protocol))) {
        const command = f.replace(/(\.[a-z]+)?\.json$/, '');
        expect(CATALOGUE.commands.some((c) => c.command === command && c.protocol === protocol), f).toBe(true);
      }
    }
  });
});

/**
 * reference/callbacks.md §B7, parsed: every field named (in backticks) in a webhook's Request column must be in its
 * schema. Struct names in the column stand for their fields (§B6); a few backticked words are values, not fields.
 */
// The reference lives beside the project (../shared), not in it: where it is absent the checked list above still runs.
const REFERENCE = join(ROOT, '..', 'shared', 'reference', 'callbacks.md');
describe.runIf(existsSync(REFERENCE))('OpenIM schemas against reference/callbacks.md §B7 (parsed)', () => {
  // vitest runs a skipped suite's body to collect its tests: read the reference only where it exists.
  const ref = existsSync(REFERENCE) ? readFileSync(REFERENCE, 'utf8') : '';
  const b7 = ref.slice(ref.indexOf('## B7.'), ref.indexOf('## B8.'));
  const COMMON = 'sendID callbackCommand serverMsgID clientMsgID operationID senderPlatformID senderNickname sessionType msgFrom contentType status sendTime createTime content seq atUserList faceURL ex';
  const BASE = 'callbackCommand operationID platformID platform';
  const STRUCTS: Record<string, string> = {
    CommonCallbackReq: COMMON,
    UserStatusCallbackReq: `${BASE} userID`,
    UserStatusBatchCallbackReq: `${BASE} userIDList`,
    CallbackBeforePushReq: `${BASE} userIDList clientMsgID sendID groupID contentType sessionType atUserIDList content`,
    CallbackBeforeSuperGroupOnlinePushReq: `${BASE} clientMsgID sendID groupID contentType sessionType atUserIDList content seq`,
  };
  const VALUES = new Set(['callbackBeforeAfterMsgCommand', 'null']);
  const rows = [...b7.matchAll(/^\| (\w+) \| (.*?) \| .* \|$/gm)].filter((m) => m[1] !== 'Hook');
  const byWebhook = new Map(CATALOGUE.commands.filter((c) => c.protocol === 'openim').map((c) => [(c as Entry & { webhook?: string }).webhook, c]));

  it('has a row for every OpenIM webhook with a command', () => {
    expect(rows.length).toBeGreaterThanOrEqual(50);
    for (const [, hook] of rows) expect(byWebhook.has(hook), hook).toBe(true);
  });

  it.each(rows.map((m) => [m[1]!, m[2]!] as const))('%s: every field the reference names is in the schema', (hook, request) => {
    const entry = byWebhook.get(hook)!;
    const props = new Set(Object.keys(schemaOf(entry).properties));
    const named = [...request.matchAll(/`([^`]+)`/g)].map((m) => m[1]!).filter((t) => /^[A-Za-z]+$/.test(t) && !VALUES.has(t));
    const fields = named.flatMap((t) => (STRUCTS[t] ? STRUCTS[t].split(' ') : /^[A-Z]/.test(t) && !['HandleResult', 'HandleMsg', 'Seqs'].includes(t) ? [] : [t]));
    expect(fields.filter((f) => !props.has(f))).toEqual([]);
  });
});

/**
 * reference/callbacks.md §A6.4, §A6.5, §A6.8 (the tables of group, topic and official-account callbacks), parsed:
 * every field a row names must be in the command's schema. Words in backticks that are values (`Apply`, `Online`…)
 * or that the row says are absent ("no `GroupId`") are not fields.
 */
describe.runIf(existsSync(REFERENCE))('Tencent schemas against reference/callbacks.md §A6 tables (parsed)', () => {
  // vitest runs a skipped suite's body to collect its tests: read the reference only where it exists.
  const ref = existsSync(REFERENCE) ? readFileSync(REFERENCE, 'utf8') : '';
  const a6 = ref.slice(ref.indexOf('## A6.'), ref.indexOf('# Part B'));
  const VALUES = new Set(['Apply', 'Invited', 'Kicked', 'Quit', 'Offline', 'Online', 'Admin', 'Member', 'Community']);
  const tencent = CATALOGUE.commands.filter((c) => c.protocol === 'tencent');
  const rows = [...a6.matchAll(/^\| `([^`]+)` \((?:B|A|N)\) \| (.*?) \|/gm)].map((m) => {
    const name = m[1]!;
    const entry = name.startsWith('…') ? tencent.find((c) => c.command === `OfficialAccount.${name.slice(1)}`) : tencent.find((c) => c.command === name);
    return [name, entry, m[2]!] as const;
  });

  it('finds the tables (groups, topics, official accounts)', () => {
    expect(rows.length).toBeGreaterThanOrEqual(30);
    for (const [name, entry] of rows) expect(entry, name).toBeDefined();
  });

  it.each(rows.map(([name, entry, cell]) => [name, entry!, cell] as const))('%s: every field the reference names is in the schema', (_name, entry, cell) => {
    const absent = new Set([...cell.matchAll(/no ((?:`[^`]+`\/?)+)/g)].flatMap((m) => [...m[1]!.matchAll(/`([^`]+)`/g)].map((x) => x[1]!)));
    const props = new Set(Object.keys(schemaOf(entry).properties));
    const fields = [...cell.matchAll(/`([A-Z][A-Za-z_]*)`/g)].map((m) => m[1]!).filter((t) => !VALUES.has(t) && !absent.has(t));
    expect(fields.filter((f) => !props.has(f))).toEqual([]);
    for (const f of absent) expect(props.has(f), `${f} is absent per the reference`).toBe(false);
  });
});

describe.each(CATALOGUE.commands.map((e) => [e.command, e] as const))('%s', (_name, entry) => {
  it('has a sample and a schema named by its command', () => {
    expect(entry.file).toBe(`${entry.protocol}/${entry.command}.json`);
    expect(entry.schema).toBe(`${entry.protocol}/${entry.command}.schema.json`);
    expect(existsSync(join(ROOT, 'fixtures', 'callbacks', entry.file))).toBe(true);
    expect(existsSync(join(ROOT, 'fixtures', 'schemas', entry.schema))).toBe(true);
  });

  it("schema fields are the reference's field list", () => {
    const want = [...REFERENCE_FIELDS[entry.command]!.split(' '), ...(EXTRA[entry.command] ?? [])].sort();
    expect([...new Set(topFields(entry))].sort()).toEqual([...new Set(want)].sort());
    expect(schemaOf(entry).required ?? []).not.toContain('nonexistent');
  });

  it('sample validates against its schema, detects as its command, and passes listen’s transport checks', () => {
    const dir = join(ROOT, 'fixtures', 'callbacks', entry.protocol);
    const files = readdirSync(dir).filter((f) => f === `${entry.command}.json` || (f.startsWith(`${entry.command}.`) && /^[a-z]+\.json$/.test(f.slice(entry.command.length + 1))));
    expect(files.length).toBeGreaterThan(0);
    const validate = validatorOf(entry);
    for (const file of files) {
      for (const cb of parseFixture(file, readFileSync(join(dir, file), 'utf8'))) {
        expect(validate(cb.value), JSON.stringify(validate.errors)).toBe(true);
        const detected = detectCommand(cb.value)!;
        expect(detected).toEqual({ protocol: entry.protocol, command: entry.command });
        const url = 'http://127.0.0.1:5411/cb';
        const target = buildTarget(detected, { url: new URL(url), rawUrl: url, sdkappid: 1400000000, clientIp: '127.0.0.1', optPlatform: 'RESTAPI', signed: true }, cb);
        const [path, query = ''] = target.path.split('?');
        const t = 1_700_000_000;
        const q = new URLSearchParams(query);
        if (target.sign) {
          q.set('RequestTime', String(t));
          q.set('Sign', signCallback('tok', t));
        }
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(target.headers)) headers[k.toLowerCase()] = v;
        if (target.operationId) headers.operationid = target.bodyOperationId ?? '1';
        const v = validateCallback({ method: 'POST', path: path!, query: q, headers, body: cb.body }, { sdkappid: 1400000000, token: 'tok', nowMs: t * 1000 });
        expect(v.problems).toEqual([]);
        expect(v.command).toBe(entry.command);
      }
    }
  });

  it('a schema rejects the sample with a field of the wrong type', () => {
    const s = schemaOf(entry);
    const validate = validatorOf(entry);
    const sample = JSON.parse(stripComments(readFileSync(join(ROOT, 'fixtures', 'callbacks', entry.file), 'utf8'))) as Record<string, unknown>;
    const target = 'Events' in sample ? (sample.Events as Record<string, unknown>[])[0]! : sample;
    const field = (s.required ?? []).find((k) => k !== 'Events') ?? Object.keys(target).find((k) => k !== 'CallbackCommand')!;
    const broken = { ...target, [field]: { wrong: true } };
    expect(validate('Events' in sample ? { Events: [broken] } : broken)).toBe(false);
  });
});
