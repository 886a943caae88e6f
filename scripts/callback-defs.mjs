/**
 * The callback catalogue's source definitions, read by scripts/gen-callbacks.mjs, which writes the data chatpush
 * ships: fixtures/callbacks/<protocol>/<command>.json (samples), fixtures/schemas/<protocol>/<command>.schema.json
 * and fixtures/catalogue.json. Every entry follows reference/callbacks.md (Tencent: §A5/§A6; OpenIM:
 * §B5–§B7, whose field lists were read from open-im-server pkg/callbackstruct at v3.8.3 / main 7848d7c7).
 * Not loaded at run time.
 */

// ───────────────────────────── Tencent Cloud Chat (reference/callbacks.md Part A) ─────────────────────────────

const MSG_BODY = [{ MsgType: 'TIMTextElem', MsgContent: { Text: 'are we still on for dinner tonight?' } }];
const T = 1730970286; // seconds
const TMS = 1730970286412; // ms

/** Reply rules per kind (A2): what a reply can do, shown by `fixtures list`. */
const TENCENT_REPLY = {
  A: 'ignored (sync only)',
  N: 'ignored (notification)',
};

/**
 * Tencent commands: [command, kind B|A|N, doc, sample (without CallbackCommand), options].
 * options.optional: fields the reference marks as conditional; options.reply: what a before-reply can do;
 * options.confirmed false: rows 54–57 of A5 (DOOCS only, UNCONFIRMED); options.url: 'push' | 'member-state' | 'alert'.
 */
export const TENCENT = [
  ['State.StateChange', 'A', '1047/34357', { EventTime: 1629883332497, Info: { Action: 'Login', To_Account: 'testuser316', Reason: 'Register' }, KickedDevice: [{ Platform: 'Windows' }] }, { optional: ['KickedDevice'] }],
  ['Profile.CallbackPortraitSet', 'A', '1047/48733', { Operator_Account: 'jared', From_Account: 'jared', EventTime: TMS, ProfileItem: [{ Tag: 'Tag_Profile_IM_Nick', Value: 'Jared' }, { Tag: 'Tag_Profile_IM_Gender', Value: 'Gender_Type_Male' }] }],
  ['Sns.CallbackPrevFriendAdd', 'B', '1047/43468', { Requester_Account: 'jared', From_Account: 'jared', FriendItem: [{ To_Account: 'Jonh', Remark: 'John', GroupName: 'friends', AddSource: 'AddSource_Type_Android', AddWording: 'hi, it is Jared' }], AddType: 'Add_Type_Both', ForceAddFlags: 0, EventTime: TMS }, { reply: 'per-friend ResultItem: allow, refuse (ResultCode 38000–39000)' }],
  ['Sns.CallbackPrevFriendResponse', 'B', '1047/43467', { Requester_Account: 'Jonh', From_Account: 'Jonh', ResponseFriendItem: [{ To_Account: 'jared', Remark: 'Jared', TagName: 'friends', ResponseAction: 'Response_Action_AgreeAndAdd' }], EventTime: TMS }, { reply: 'per-friend ResultItem: allow, refuse (ResultCode 38000–39000)' }],
  ['Sns.CallbackFriendAdd', 'A', '1047/34359', { PairList: [{ From_Account: 'jared', To_Account: 'Jonh', Initiator_Account: 'jared' }], ClientCmd: 'friend_add', Admin_Account: '', ForceFlag: 0 }],
  ['Sns.CallbackFriendDelete', 'A', '1047/34360', { PairList: [{ From_Account: 'jared', To_Account: 'Jonh' }] }],
  ['Sns.CallbackBlackListAdd', 'A', '1047/34361', { PairList: [{ From_Account: 'jared', To_Account: 'spammer' }] }],
  ['Sns.CallbackBlackListDelete', 'A', '1047/34362', { PairList: [{ From_Account: 'jared', To_Account: 'spammer' }] }],
  ['Follow.CallbackAfterFollowAdd', 'A', '647/74356', { From_Account: 'jared', FollowList: [{ To_Account: 'Jonh' }], EventTime: TMS }],
  ['Follow.CallbackAfterFollowDelete', 'A', '1047/70356', { From_Account: 'jared', To_Account: ['Jonh'], EventTime: TMS }],
  ['C2C.CallbackBeforeSendMsg', 'B', '1047/34364', null, { optional: ['EventTime'], reply: 'allow, deny (1), drop silently (2), custom deny 120001–130000, modify MsgBody/CloudCustomData' }],
  ['C2C.CallbackAfterSendMsg', 'A', '1047/34365', null, { optional: ['EventTime'] }],
  ['C2C.CallbackAfterMsgReport', 'A', '1047/43465', { Report_Account: 'Jonh', Peer_Account: 'jared', LastReadTime: 1614754606, UnreadMsgNum: 12, EventTime: TMS }],
  ['C2C.CallbackAfterMsgWithDraw', 'A', '1047/43466', { From_Account: 'jared', To_Account: 'Jonh', MsgKey: `48374_2837546_${T}`, UnreadMsgNum: 11, EventTime: TMS }],
  ['C2C.CallbackAfterC2CMsgExtension', 'A', '1047/76006', { From_Account: 'jared', To_Account: 'Jonh', MsgKey: `48374_2837546_${T}`, OperateType: 1, ExtensionList: [{ Key: 'vote', Value: 'yes', Seq: 3 }], Seq: 3, EventTime: TMS }],
  ['Group.CallbackBeforeCreateGroup', 'B', '1047/34368', { Operator_Account: 'jared', Owner_Account: 'jared', Type: 'Public', Name: 'Dinner club', CreateGroupNum: 2, MemberList: [{ Member_Account: 'Jonh' }, { Member_Account: 'anna' }], EventTime: TMS }, { reply: 'allow, deny (1), custom deny 10100–10200' }],
  ['Group.CallbackAfterCreateGroup', 'A', '1047/34369', { GroupId: '@TGS#2J4SZEAEL', Operator_Account: 'jared', Owner_Account: 'jared', Type: 'Public', Name: 'Dinner club', MemberList: [{ Member_Account: 'Jonh' }], UserDefinedDataList: [{ Key: 'city', Value: 'Singapore' }], EventTime: TMS }, { optional: ['UserDefinedDataList'] }],
  ['Group.CallbackBeforeApplyJoinGroup', 'B', '1047/34370', { GroupId: '@TGS#2J4SZEAEL', Type: 'Public', Requestor_Account: 'anna', EventTime: TMS }, { reply: 'allow, deny (1), custom deny 10100–10200' }],
  ['Group.CallbackBeforeInviteJoinGroup', 'B', '1047/34371', { GroupId: '@TGS#2J4SZEAEL', Type: 'Public', Operator_Account: 'jared', DestinationMembers: [{ Member_Account: 'anna' }, { Member_Account: 'brennan' }], EventTime: TMS }, { reply: 'allow, deny (1), refuse some (RefusedMembers_Account)' }],
  ['Group.CallbackAfterNewMemberJoin', 'A', '1047/34372', { GroupId: '@TGS#2J4SZEAEL', Type: 'Public', Operator_Account: 'jared', JoinType: 'Invited', NewMemberList: [{ Member_Account: 'anna' }], EventTime: TMS }],
  ['Group.CallbackAfterMemberExit', 'A', '1047/34373', { GroupId: '@TGS#2J4SZEAEL', Type: 'Public', Operator_Account: 'jared', ExitType: 'Kicked', ExitMemberList: [{ Member_Account: 'brennan' }], EventTime: TMS }],
  ['Group.CallbackBeforeSendMsg', 'B', '1047/34374', { GroupId: '@TGS#2J4SZEAEL', Type: 'Public', From_Account: 'jared', Operator_Account: 'jared', Random: 123456, OnlineOnlyFlag: 0, MsgBody: MSG_BODY, CloudCustomData: '', EventTime: TMS }, { extra: { TopicId: 'string' }, reply: 'allow, deny (1), drop silently (2), custom deny 10100–10200, modify MsgBody/CloudCustomData' }],
  ['Group.CallbackAfterSendMsg', 'A', '1047/34375', null, { optional: ['GroupAtInfo', 'EventTime'], extra: { CloudCustomData: 'string', TopicId: 'string', GroupAtInfo: 'array', MsgId: 'string' } }],
  ['Group.CallbackAfterGroupFull', 'A', '1047/34376', { GroupId: '@TGS#2J4SZEAEL', EventTime: TMS }],
  ['Group.CallbackAfterGroupDestroyed', 'A', '1047/34377', { GroupId: '@TGS#2J4SZEAEL', Type: 'Public', Owner_Account: 'jared', Name: 'Dinner club', MemberList: [{ Member_Account: 'Jonh' }], EventTime: TMS }, { optional: ['MemberList'] }],
  ['Group.CallbackAfterGroupInfoChanged', 'A', '1047/34378', { GroupId: '@TGS#2J4SZEAEL', Type: 'Public', Operator_Account: 'jared', Notification: 'Friday 19:00 at Anna\'s', EventTime: TMS }, { optional: ['Name', 'Introduction', 'Notification', 'FaceUrl'], extra: { Name: 'string', Introduction: 'string', FaceUrl: 'string' } }],
  ['Group.CallbackOnMemberStateChange', 'N', '1047/48734', { GroupId: '@#AVChatRoom', EventType: 'Offline', MemberList: [{ Member_Account: 'anna' }] }, { url: 'member-state' }],
  ['Group.CallbackSendMsgException', 'N', '1047/49462', { GroupId: '@TGS#2J4SZEAEL', Type: 'Public', From_Account: 'jared', Operator_Account: 'jared', Random: 123456, OnlineOnlyFlag: 0, MsgBody: MSG_BODY, CloudCustomData: '', ErrorCode: 10023, ErrorInfo: 'msg is too frequent', EventTime: TMS }, { optional: ['ErrorInfo'], extra: { TopicId: 'string' } }],
  ['Group.CallbackAfterRecallMsg', 'A', 'IDOC:撤回群消息之后回调', { GroupId: '@TGS#2J4SZEAEL', Type: 'Public', Operator_Account: 'jared', MsgSeqList: [{ MsgSeq: 123 }], TopicId: '', EventTime: TMS }, { optional: ['TopicId'] }],
  ['Group.CallbackAfterMemberFieldChanged', 'A', '1047/60393', { GroupId: '@TGS#2J4SZEAEL', Type: 'Public', Operator_Account: 'jared', Member_Account: 'anna', Role: 'Admin', NameCard: 'Anna', EventTime: TMS }, { optional: ['Role', 'NameCard'] }],
  ['Group.CallbackAfterGroupAttrChanged', 'A', '1047/60394', { GroupId: '@TGS#2J4SZEAEL', Type: 'Public', Operator_Account: 'jared', OptionType: 'modify', GroupAttr: [{ key: 'theme', value: 'dark' }], EventTime: TMS }],
  ['Group.CallbackAfterReadReceipt', 'A', '1047/60395 + DOOCS', { GroupId: '@TGS#2J4SZEAEL', Type: 'Public', GroupMsgReceiptList: [{ MsgSeq: 123, ReadNum: 2, UnreadNum: 1 }], EventTime: TMS }, { note: 'GroupMsgReceiptList shape from DOOCS (UNCONFIRMED)' }],
  ['Group.CallbackAfterChangeGroupOwner', 'A', '1047/60396 + DOOCS', { GroupId: '@TGS#2J4SZEAEL', Type: 'Public', Operator_Account: 'jared', OldOwner_Account: 'jared', NewOwner_Account: 'anna', EventTime: TMS }, { note: 'owner fields from DOOCS (UNCONFIRMED)' }],
  ['Group.CallbackAfterGroupMsgExtension', 'A', '1047/76007', { GroupId: '@TGS#2J4SZEAEL', MsgSeq: 123, OperateType: 1, ExtensionList: [{ Key: 'vote', Value: 'yes', Seq: 3 }], Seq: 3, EventTime: TMS }],
  ['Group.CallbackBeforeCreateTopic', 'B', '1047/49463', { Operator_Account: 'jared', Type: 'Community', Name: 'announcements', EventTime: TMS }, { reply: 'allow, deny (1), custom deny 10100–10200' }],
  ['Group.CallbackAfterCreateTopic', 'A', '1047/49464', { GroupId: '@TGS#_@TGS#cQVLVHIM62CJ', TopicId: '@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic', Operator_Account: 'jared', Owner_Account: 'jared', Type: 'Community', Name: 'announcements', UserDefinedDataList: [{ Key: 'color', Value: 'blue' }], EventTime: TMS }, { optional: ['UserDefinedDataList'] }],
  ['Group.CallbackAfterTopicDestroyed', 'A', '1047/49465', { GroupId: '@TGS#_@TGS#cQVLVHIM62CJ', Type: 'Community', TopicIdList: ['@TGS#_@TGS#cQVLVHIM62CJ@TOPIC#_TestTopic'], EventTime: TMS }],
  ['Group.CallbackAfterTopicInfoChanged', 'A', '1047/49466', { GroupId: '@TGS#_@TGS#cQVLVHIM62CJ', Type: 'Community', Operator_Account: 'jared', Name: 'news', Introduction: '', Notification: '', FaceUrl: '', EventTime: TMS }, { optional: ['Name', 'Introduction', 'Notification', 'FaceUrl'] }],
  ['Push.OfflinePush', 'A', '1047/67552 (seed 000)', null, { url: 'push', reply: 'ignored (push report, batched)' }],
  ['Push.AllMemberPush', 'A', '1047/67551', { Events: [{ CallbackCommand: 'Push.AllMemberPush', EventType: 1, TaskId: '657bf434_537529d8_2000005e80aa873_2780d131_bc614e', TaskTime: 1557481127, EventTime: 1557481128, To_Account: 'user2', PushPlatform: 1, PushStage: 1, ErrCode: 0, ErrInfo: 'OK' }] }, { url: 'push', batched: true, reply: 'ignored (push report, batched)' }],
  ['Alert.RequestOverLimit', 'N', '1047/60256', { ServiceName: 'openim', Command: 'batchsendmsg', Request: 260, Limit: 200 }, { url: 'alert' }],
  ['OfficialAccount.CallbackBeforeCreateOfficialAccount', 'B', '1047/60795', { Operator_Account: 'jared', Owner_Account: 'jared', Name: 'Dinner news', EventTime: TMS }, { reply: 'allow, deny (1), custom deny 120001–130000' }],
  ['OfficialAccount.CallbackAfterCreateOfficialAccount', 'A', '1047/60796', { Official_Account: '@TOA#_dinner', Operator_Account: 'jared', Owner_Account: 'jared', Name: 'Dinner news', EventTime: TMS }],
  ['OfficialAccount.CallbackAfterOfficialAccountInfoChanged', 'A', '1047/60797', { Official_Account: '@TOA#_dinner', Operator_Account: 'jared', Introduction: 'what we eat', Name: 'Dinner news', FaceUrl: '', Organization: 'Dinner club', EventTime: TMS }, { optional: ['Introduction', 'Name', 'FaceUrl', 'Organization'] }],
  ['OfficialAccount.CallbackAfterOfficialAccountDestroyed', 'A', '1047/60798', { Official_Account: '@TOA#_dinner', Owner_Account: 'jared', Name: 'Dinner news', EventTime: TMS }],
  ['OfficialAccount.CallbackBeforeAddSubscriber', 'B', '1047/60799', { Official_Account: '@TOA#_dinner', Operator_Account: 'anna', SubscribeAccountList: [{ Subscriber_Account: 'anna' }], EventTime: TMS }, { reply: 'allow, deny (1), refuse some (RefusedSubscribers_Account)' }],
  ['OfficialAccount.CallbackAfterAddSubscriber', 'A', '1047/60800 + DOOCS', { Official_Account: '@TOA#_dinner', Operator_Account: 'anna', SubscribeAccountList: [{ Subscriber_Account: 'anna' }], EventTime: TMS }, { note: 'fields from DOOCS (UNCONFIRMED)' }],
  ['OfficialAccount.CallbackAfterOfficialAccountFull', 'A', '1047/60801', { Official_Account: '@TOA#_dinner', EventTime: TMS }],
  ['OfficialAccount.CallbackAfterDeleteSubscriber', 'A', '1047/60802', { Official_Account: '@TOA#_dinner', Operator_Account: 'anna', SubscribeAccountList: [{ Subscriber_Account: 'anna' }], EventTime: TMS }],
  ['OfficialAccount.CallbackBeforeSendMsg', 'B', '1047/60803', { Official_Account: '@TOA#_dinner', OnlineOnlyFlag: 0, MsgBody: MSG_BODY, CloudCustomData: '', EventTime: TMS }, { optional: ['CloudCustomData'], reply: 'allow, deny (1), drop silently (2), modify MsgBody/CloudCustomData' }],
  ['OfficialAccount.CallbackAfterSendMsg', 'A', '1047/60804 + DOOCS', { Official_Account: '@TOA#_dinner', MsgKey: `48374_2837546_${T}`, MsgTime: T, OnlineOnlyFlag: 0, MsgBody: MSG_BODY, CloudCustomData: '', EventTime: TMS }, { optional: ['CloudCustomData'], note: 'fields from DOOCS (UNCONFIRMED)' }],
  ['OfficialAccount.CallbackAfterMsgWithDraw', 'A', '1047/60805 + DOOCS', { Official_Account: '@TOA#_dinner', WithdrawMsgList: [{ MsgKey: `48374_2837546_${T}` }], EventTime: TMS }, { note: 'fields from DOOCS (UNCONFIRMED)' }],
  ['Bot.OnC2CMessage', 'A', '1047/68952', { From_Account: 'jared', To_Account: '@RBT#assistant', MsgSeq: 48374, MsgRandom: 2837546, MsgTime: T, MsgKey: `48374_2837546_${T}`, OnlineOnlyFlag: 0, SendMsgResult: 0, ErrorInfo: 'send msg succeed', MsgBody: MSG_BODY, CloudCustomData: '', EventTime: TMS }, { optional: ['CloudCustomData'] }],
  ['Bot.OnGroupMessage', 'A', 'DOOCS only', { GroupId: '@TGS#2J4SZEAEL', Type: 'Public', From_Account: 'jared', Operator_Account: 'jared', Random: 123456, MsgSeq: 124, MsgRandom: 123456, OnlineOnlyFlag: 0, MsgBody: MSG_BODY, AtRobotAccount: ['@RBT#assistant'], CloudCustomData: '', EventTime: TMS, IsPlaceMsg: 0 }, { confirmed: false, optional: ['CloudCustomData', 'IsPlaceMsg'] }],
  ['Chatbot.OnC2CSignalMessage', 'A', 'DOOCS only', { From_Account: 'jared', To_Account: '@RBT#assistant', MsgSeq: 48374, MsgRandom: 2837546, MsgKey: `48374_2837546_${T}`, EventTime: TMS, Data: '{"signal":"typing"}' }, { confirmed: false }],
  ['Group.CallbackOnDailyGroupQuotaAlarm', 'N', 'DOOCS only', { QuotaUsed: 9000, Quota: 10000, EventTime: TMS }, { confirmed: false }],
  ['ContentCallback.ResultNotify', 'N', 'DOOCS only', { Scene: 'C2C', From_Account: 'jared', ContactItem: 'Jonh', ContentType: 'Text', TextContent: ['buy followers'], FileURL: '', MsgID: '144115233406643804-1730970286-1932087651', CtxcbResult: 1, CtxcbRequestId: 'req-1', CtxcbKeywords: ['followers'], CtxcbSuggestion: 'Block', CtxcbLabel: 'Ad', CloudCustomData: '' }, { confirmed: false, note: 'DOOCS model has no CallbackCommand; the sample carries one so that replay can tell the command' }],
];

/** Tencent fields whose JSON type is not what the sample value says (A1: EventTime is ms, often a digit string). */
export const TENCENT_TYPES = {
  EventTime: { type: ['integer', 'string'], pattern: '^[0-9]+$' },
  Value: { type: ['integer', 'string'] },
};

// ───────────────────────────────────── OpenIM (reference/callbacks.md Part B) ─────────────────────────────────────

const OP = '1730970286419881023';
/** CommonCallbackReq (pkg/callbackstruct/common.go:26-45, v3.8.3), in struct order. */
const COMMON = (command, extra = {}) => ({
  sendID: '3398112045', callbackCommand: command, serverMsgID: 'a2b3c4d5e6f70819', clientMsgID: 'c6d8e1f0a2b34c5d9e7f1a2b3c4d5e6f', operationID: OP,
  senderPlatformID: 1, senderNickname: 'Anna', sessionType: 1, msgFrom: 100, contentType: 101, status: 1, sendTime: TMS, createTime: TMS,
  content: '{"content":"are we still on for dinner tonight?"}', seq: 0, atUserList: null, faceURL: '', ex: '', ...extra,
});
const GROUP_INFO = {
  groupID: '2910466381', groupName: 'Dinner club', notification: '', introduction: 'Friday dinners', faceURL: '', ownerUserID: '3398112045',
  createTime: 0, memberCount: 0, ex: '', status: 0, creatorUserID: '3398112045', groupType: 2, needVerification: 0, lookMemberInfo: 0,
  applyMemberFriend: 0, notificationUpdateTime: 0, notificationUserID: '',
};
const CONV_OPTS = { recvMsgOpt: 0, isPinned: false, isPrivateChat: false, burnDuration: 30, groupAtType: 0, attachedInfo: '', ex: '' };
const PUSH_INFO = { title: 'Anna', desc: 'are we still on for dinner tonight?', ex: '', iOSPushSound: 'default', iOSBadgeCount: true, signalInfo: '' };

/** Go types of OpenIM response structs, for decide-openim.ts (sdkws.pb.go, callbackstruct). */
export const OPENIM_TYPES = {
  CommonCallbackResp: { actionCode: 'int32', errCode: 'int32', errMsg: 'string', errDlt: 'string', nextCode: 'int32' },
  OfflinePushInfo: { title: 'string', desc: 'string', ex: 'string', iOSPushSound: 'string', iOSBadgeCount: 'bool', signalInfo: 'string' },
  UserInfo: { userID: 'string', nickname: 'string', faceURL: 'string', ex: 'string', createTime: 'int64', appMangerLevel: 'int32', globalRecvMsgOpt: 'int32' },
  MemberJoinGroupCallBack: { userID: '*string', nickname: '*string', faceURL: '*string', roleLevel: '*int32', muteEndTime: '*int64', ex: '*string' },
};

/** The embedded *OfflinePushInfo of CallbackBeforePushReq: its keys are absent when the message has none (B7). */
const PUSH_INFO_KEYS = Object.keys(PUSH_INFO);
const PUSH_RESP = { userIDList: '[]string', offlinePushInfo: '*OfflinePushInfo' };
const CONV_RESP = { recvMsgOpt: '*int32', isPinned: '*bool', isPrivateChat: '*bool', burnDuration: '*int32', groupAtType: '*int32', attachedInfo: '*string', ex: '*string' };

/**
 * OpenIM webhooks: [yml key, command, kind, source, sample, options]. options.response: fields the server's
 * response struct adds to CommonCallbackResp (Go types); options.applied: what a before-reply changes;
 * options.int64 / nullable: request field types a sample value cannot show; options.query: extra query
 * parameters the server adds (main only); options.note.
 */
export const OPENIM = [
  ['beforeSendSingleMsg', 'callbackBeforeSendSingleMsgCommand', 'B', 'rpc/msg/callback.go:71', COMMON('callbackBeforeSendSingleMsgCommand', { recvID: '4012736511' }), { applied: 'refuse only' }],
  ['beforeUpdateUserInfoEx', 'callbackBeforeUpdateUserInfoExCommand', 'B', 'rpc/user/callback.go:58', { callbackCommand: 'callbackBeforeUpdateUserInfoExCommand', userID: '3398112045', nickName: 'Anna B.', faceURL: null, ex: null }, { nullable: ['nickName', 'faceURL', 'ex'], response: { nickName: 'StringValue', faceURL: 'StringValue', ex: 'StringValue' }, applied: 'refuse; nickName/faceURL/ex replace' }],
  ['afterUpdateUserInfoEx', 'callbackAfterUpdateUserInfoExCommand', 'A', 'rpc/user/callback.go:78', { callbackCommand: 'callbackAfterUpdateUserInfoExCommand', userID: '3398112045', nickName: 'Anna B.', faceURL: null, ex: null }, { nullable: ['nickName', 'faceURL', 'ex'] }],
  ['afterSendSingleMsg', 'callbackAfterSendSingleMsgCommand', 'A', 'rpc/msg/callback.go:93', COMMON('callbackAfterSendSingleMsgCommand', { recvID: '4012736511' }), { query: 'key' }],
  ['beforeSendGroupMsg', 'callbackBeforeSendGroupMsgCommand', 'B', 'rpc/msg/callback.go:107', COMMON('callbackBeforeSendGroupMsgCommand', { sessionType: 3, groupID: '2910466381' }), { applied: 'refuse only' }],
  ['beforeMsgModify', 'callbackBeforeMsgModifyCommand', 'B', 'rpc/msg/callback.go:142', COMMON('callbackBeforeMsgModifyCommand'), {
    response: { content: '*string', recvID: '*string', groupID: '*string', clientMsgID: '*string', serverMsgID: '*string', senderPlatformID: '*int32', senderNickname: '*string', senderFaceURL: '*string', sessionType: '*int32', msgFrom: '*int32', contentType: '*int32', status: '*int32', options: '*map[string]bool', offlinePushInfo: '*OfflinePushInfo', atUserIDList: '*[]string', msgDataList: '*[]byte', attachedInfo: '*string', ex: '*string' },
    applied: 'refuse; any non-null field replaces the message\'s (content must be JSON)',
  }],
  ['afterSendGroupMsg', 'callbackAfterSendGroupMsgCommand', 'A', 'rpc/msg/callback.go:127', COMMON('callbackAfterSendGroupMsgCommand', { sessionType: 3, groupID: '2910466381' }), { query: 'key' }],
  ['afterMsgSaveDB', 'callbackAfterMsgSaveDBCommand', 'A', 'msgtransfer/callback.go:54 (main)', COMMON('callbackAfterMsgSaveDBCommand', { recvID: '4012736511', groupID: '' }), { query: 'key', note: 'main only (not in v3.8.3)' }],
  ['afterUserOnline', 'callbackAfterUserOnlineCommand', 'A', 'msggateway/callback.go:27', { callbackCommand: 'callbackAfterUserOnlineCommand', operationID: OP, platformID: 2, platform: 'Android', userID: '3398112045', seq: TMS, isAppBackground: false, connID: '3398112045_2_1730970286412' }, { int64: ['seq'] }],
  ['afterUserOffline', 'callbackAfterUserOfflineCommand', 'A', 'msggateway/callback.go:45', { callbackCommand: 'callbackAfterUserOfflineCommand', operationID: OP, platformID: 2, platform: 'Android', userID: '3398112045', seq: TMS, connID: '3398112045_2_1730970286412' }, { int64: ['seq'] }],
  ['afterUserKickOff', 'callbackAfterUserKickOffCommand', 'A', 'msggateway/callback.go:62', { callbackCommand: 'callbackAfterUserKickOffCommand', operationID: OP, platformID: 2, platform: 'Android', userID: '3398112045', seq: TMS }, { int64: ['seq'], note: 'configurable but never sent by the server' }],
  ['beforeOfflinePush', 'callbackBeforeOfflinePushCommand', 'B', 'push/callback.go:30', null, { optional: PUSH_INFO_KEYS, response: PUSH_RESP, applied: 'refuse; userIDList replaces the recipients, offlinePushInfo the push text' }],
  ['beforeOnlinePush', 'callbackBeforeOnlinePushCommand', 'B', 'push/callback.go:71', null, { response: PUSH_RESP, applied: 'refuse only (changes are not applied)' }],
  ['beforeGroupOnlinePush', 'callbackBeforeGroupOnlinePushCommand', 'B', 'push/callback.go:102', null, { int64: ['seq'], response: PUSH_RESP, applied: 'refuse; userIDList replaces the push targets' }],
  ['beforeAddFriend', 'callbackBeforeAddFriendCommand', 'B', 'rpc/relation/callback.go:36', { callbackCommand: 'callbackBeforeAddFriendCommand', fromUserID: '3398112045', toUserID: '4012736511', reqMsg: 'hi, it is Anna', ex: '' }, { applied: 'refuse only' }],
  ['beforeUpdateUserInfo', 'callbackBeforeUpdateUserInfoCommand', 'B', 'rpc/user/callback.go:28', { callbackCommand: 'callbackBeforeUpdateUserInfoCommand', userID: '3398112045', nickName: 'Anna B.', faceURL: null, ex: null }, { nullable: ['nickName', 'faceURL', 'ex'], response: { nickName: '*string', faceURL: '*string', ex: '*string' }, applied: 'refuse; nickName/faceURL/ex replace' }],
  ['afterUpdateUserInfo', 'callbackAfterUpdateUserInfoCommand', 'A', 'rpc/user/callback.go:48', { callbackCommand: 'callbackAfterUpdateUserInfoCommand', userID: '3398112045', nickName: 'Anna B.', faceURL: '', ex: '' }],
  ['beforeCreateGroup', 'callbackBeforeCreateGroupCommand', 'B', 'rpc/group/callback.go:35', { operationID: OP, callbackCommand: 'callbackBeforeCreateGroupCommand', ...GROUP_INFO, initMemberList: [{ userID: '3398112045', roleLevel: 100 }, { userID: '4012736511', roleLevel: 20 }] }, {
    int64: ['createTime', 'notificationUpdateTime'], uint32: ['memberCount'],
    response: { groupID: '*string', groupName: '*string', notification: '*string', introduction: '*string', faceURL: '*string', ownerUserID: '*string', ex: '*string', status: '*int32', creatorUserID: '*string', groupType: '*int32', needVerification: '*int32', lookMemberInfo: '*int32', applyMemberFriend: '*int32' },
    applied: 'refuse; non-null group fields replace (applyMemberFriend is not applied)',
  }],
  ['afterCreateGroup', 'callbackAfterCreateGroupCommand', 'A', 'group/callback.go:80', { callbackCommand: 'callbackAfterCreateGroupCommand', ...GROUP_INFO, createTime: TMS, memberCount: 2, initMemberList: [{ userID: '3398112045', roleLevel: 100 }, { userID: '4012736511', roleLevel: 20 }] }, { int64: ['createTime', 'notificationUpdateTime'], uint32: ['memberCount'] }],
  ['beforeMemberJoinGroup', 'callbackBeforeMembersJoinGroupCommand', 'B', 'group/callback.go:104', { callbackCommand: 'callbackBeforeMembersJoinGroupCommand', groupID: '2910466381', memberList: [{ userID: '4012736511', ex: '' }], groupEx: '' }, { response: { memberCallbackList: '[]*MemberJoinGroupCallBack' }, applied: 'refuse; memberCallbackList entries (matched by userID) replace member fields' }],
  ['beforeSetGroupMemberInfo', 'callbackBeforeSetGroupMemberInfoCommand', 'B', 'group/callback.go:147', { callbackCommand: 'callbackBeforeSetGroupMemberInfoCommand', groupID: '2910466381', userID: '4012736511', nickName: 'Brennan', faceURL: null, roleLevel: null, ex: null }, { nullable: ['nickName', 'faceURL', 'roleLevel', 'ex'], types: { roleLevel: 'int32' }, response: { ex: '*string', nickName: '*string', faceURL: '*string', roleLevel: '*int32' }, applied: 'refuse; ex/nickName/faceURL/roleLevel replace' }],
  ['afterSetGroupMemberInfo', 'callbackAfterSetGroupMemberInfoCommand', 'A', 'group/callback.go:186', { callbackCommand: 'callbackAfterSetGroupMemberInfoCommand', groupID: '2910466381', userID: '4012736511', nickName: 'Brennan', faceURL: null, roleLevel: null, ex: null }, { nullable: ['nickName', 'faceURL', 'roleLevel', 'ex'], types: { roleLevel: 'int32' } }],
  ['afterQuitGroup', 'callbackAfterQuitGroupCommand', 'A', 'group/callback.go:207', { callbackCommand: 'callbackAfterQuitGroupCommand', groupID: '2910466381', userID: '4012736511' }],
  ['afterKickGroupMember', 'callbackAfterKickGroupCommand', 'A', 'group/callback.go:216', { callbackCommand: 'callbackAfterKickGroupCommand', groupID: '2910466381', kickedUserIDs: ['4012736511'], reason: 'spam' }],
  ['afterDismissGroup', 'callbackAfterDisMissGroupCommand', 'A', 'group/callback.go:226', { callbackCommand: 'callbackAfterDisMissGroupCommand', groupID: '2910466381', ownerID: '3398112045', groupType: '\u0002', membersID: ['3398112045', '4012736511'] }, { note: 'groupType is a one-rune string ("\\u0002" for type 2): string(int32) in group.go' }],
  ['beforeApplyJoinGroup', 'callbackBeforeJoinGroupCommand', 'B', 'group/callback.go:231', { callbackCommand: 'callbackBeforeJoinGroupCommand', groupID: '2910466381', groupType: '\u0002', applyID: '', reqMessage: 'let me in', ex: '' }, { applied: 'refuse only' }],
  ['afterGroupMsgRead', 'callbackAfterGroupMsgReadCommand', 'A', 'rpc/msg/callback.go:186', { callbackCommand: 'callbackAfterGroupMsgReadCommand', sendID: '3398112045', receiveID: '4012736511', unreadMsgNum: 5521, contentType: 3 }, { int64: ['unreadMsgNum', 'contentType'], note: 'unreadMsgNum carries hasReadSeq; contentType the conversation type' }],
  ['afterSingleMsgRead', 'callbackAfterSingleMsgReadCommand', 'A', 'rpc/msg/callback.go:191', { callbackCommand: 'callbackAfterSingleMsgReadCommand', conversationID: 'si_3398112045_4012736511', userID: '4012736511', Seqs: [41, 42], contentType: 1 }, { int64items: ['Seqs'] }],
  ['beforeUserRegister', 'callbackBeforeUserRegisterCommand', 'B', 'rpc/user/callback.go:88', { callbackCommand: 'callbackBeforeUserRegisterCommand', users: [{ userID: '5120004471', nickname: 'Chen', faceURL: '', ex: '', createTime: 0, appMangerLevel: 0, globalRecvMsgOpt: 0 }] }, { response: { users: '[]*UserInfo' }, applied: 'refuse; a non-empty users list replaces the whole list' }],
  ['afterUserRegister', 'callbackAfterUserRegisterCommand', 'A', 'rpc/user/callback.go:108', { callbackCommand: 'callbackAfterUserRegisterCommand', users: [{ userID: '5120004471', nickname: 'Chen', faceURL: '', ex: '', createTime: TMS, appMangerLevel: 0, globalRecvMsgOpt: 0 }] }],
  ['afterTransferGroupOwner', 'callbackAfterTransferGroupOwnerCommand', 'A', 'group/callback.go:242', { callbackCommand: 'callbackAfterTransferGroupOwnerCommand', groupID: '2910466381', oldOwnerUserID: '3398112045', newOwnerUserID: '4012736511' }],
  ['beforeSetFriendRemark', 'callbackBeforeSetFriendRemarkCommand', 'B', 'relation/callback.go:96', { callbackCommand: 'callbackBeforeSetFriendRemarkCommand', ownerUserID: '3398112045', friendUserID: '4012736511', remark: 'Brennan (work)' }, { response: { remark: 'string' }, applied: 'refuse; a non-empty remark replaces' }],
  ['afterSetFriendRemark', 'callbackAfterSetFriendRemarkCommand', 'A', 'relation/callback.go:65', { callbackCommand: 'callbackAfterSetFriendRemarkCommand', ownerUserID: '3398112045', friendUserID: '4012736511', remark: 'Brennan (work)' }],
  ['afterJoinGroup', 'callbackAfterJoinGroupCommand', 'A', 'group/callback.go:278', { callbackCommand: 'callbackAfterJoinGroupCommand', operationID: OP, groupID: '2910466381', reqMessage: 'let me in', joinSource: 3, inviterUserID: '' }],
  ['beforeInviteUserToGroup', 'callbackBeforeInviteJoinGroupCommand', 'B', 'group/callback.go:252', { callbackCommand: 'callbackBeforeInviteJoinGroupCommand', operationID: OP, groupID: '2910466381', reason: 'team dinner', invitedUserIDs: ['4012736511'] }, { response: { refusedMembersAccount: '[]string' }, applied: 'refuse only (refusedMembersAccount is ignored)' }],
  ['afterSetGroupInfo', 'callbackAfterSetGroupInfoCommand', 'A', 'group/callback.go:339', { callbackCommand: 'callbackAfterSetGroupInfoCommand', operationID: OP, groupID: '2910466381', groupName: 'Dinner club', notification: '', introduction: 'Friday dinners', faceURL: '', ex: null, needVerification: null, lookMemberInfo: null, applyMemberFriend: null }, { nullable: ['ex', 'needVerification', 'lookMemberInfo', 'applyMemberFriend'], types: { needVerification: 'int32', lookMemberInfo: 'int32', applyMemberFriend: 'int32' } }],
  ['beforeSetGroupInfo', 'callbackBeforeSetGroupInfoCommand', 'B', 'group/callback.go:290', { callbackCommand: 'callbackBeforeSetGroupInfoCommand', operationID: '', groupID: '2910466381', groupName: 'Dinner club', notification: '', introduction: 'Friday dinners', faceURL: '', ex: '', needVerification: 0, lookMemberInfo: 0, applyMemberFriend: 0 }, {
    response: { groupID: 'string', groupName: 'string', notification: 'string', introduction: 'string', faceURL: 'string', ex: '*string', needVerification: '*int32', lookMemberInfo: '*int32', applyMemberFriend: '*int32' },
    applied: 'refuse; groupID/groupName/faceURL/introduction are always copied (echo them!), pointers replace',
  }],
  ['afterSetGroupInfoEx', 'callbackAfterSetGroupInfoExCommand', 'A', 'group/callback.go:408', { callbackCommand: 'callbackAfterSetGroupInfoExCommand', operationID: '', groupID: '2910466381', groupName: 'Dinner club', notification: null, introduction: null, faceURL: null, ex: null, needVerification: null, lookMemberInfo: null, applyMemberFriend: null }, { nullable: ['groupName', 'notification', 'introduction', 'faceURL', 'ex', 'needVerification', 'lookMemberInfo', 'applyMemberFriend'], types: { needVerification: 'int32', lookMemberInfo: 'int32', applyMemberFriend: 'int32' } }],
  ['beforeSetGroupInfoEx', 'callbackBeforeSetGroupInfoExCommand', 'B', 'group/callback.go:363', { callbackCommand: 'callbackBeforeSetGroupInfoExCommand', operationID: '', groupID: '2910466381', groupName: 'Dinner club', notification: null, introduction: null, faceURL: null, ex: null, needVerification: null, lookMemberInfo: null, applyMemberFriend: null }, {
    nullable: ['groupName', 'notification', 'introduction', 'faceURL', 'ex', 'needVerification', 'lookMemberInfo', 'applyMemberFriend'], types: { needVerification: 'int32', lookMemberInfo: 'int32', applyMemberFriend: 'int32' },
    response: { groupID: 'string', groupName: 'StringValue', notification: 'StringValue', introduction: 'StringValue', faceURL: 'StringValue', ex: 'StringValue', needVerification: 'Int32Value', lookMemberInfo: 'Int32Value', applyMemberFriend: 'Int32Value' },
    applied: 'refuse; groupID and each field are copied (omitted = the change is dropped)',
  }],
  ['afterRevokeMsg', 'callbackBeforeAfterMsgCommand', 'A', 'rpc/msg/callback.go:199', { callbackCommand: 'callbackBeforeAfterMsgCommand', conversationID: 'si_3398112045_4012736511', seq: 42, userID: '3398112045' }, { int64: ['seq'], note: 'the command string really is callbackBeforeAfterMsgCommand (constant.go:24)' }],
  ['beforeAddBlack', 'callbackBeforeAddBlackCommand', 'B', 'relation/callback.go:115', { callbackCommand: 'callbackBeforeAddBlackCommand', ownerUserID: '3398112045', blackUserID: '5120004471' }, { applied: 'refuse only' }],
  ['afterAddFriend', 'callbackAfterAddFriendCommand', 'A', 'relation/callback.go:54', { callbackCommand: 'callbackAfterAddFriendCommand', fromUserID: '3398112045', toUserID: '4012736511', reqMsg: 'hi, it is Anna' }],
  ['beforeAddFriendAgree', 'callbackBeforeAddFriendAgreeCommand', 'B', 'relation/callback.go:127', { callbackCommand: 'callbackBeforeAddFriendAgreeCommand', fromUserID: '4012736511', blackUserID: '3398112045', HandleResult: 1, HandleMsg: 'welcome' }, { applied: 'refuse only', note: 'the target user travels as blackUserID; HandleResult/HandleMsg are capitalised' }],
  ['afterAddFriendAgree', 'callbackAfterAddFriendAgreeCommand', 'A', 'relation/callback.go:141', { callbackCommand: 'callbackAfterAddFriendAgreeCommand', fromUserID: '4012736511', blackUserID: '3398112045', HandleResult: 1, HandleMsg: 'welcome' }],
  ['afterDeleteFriend', 'callbackAfterDeleteFriendCommand', 'A', 'relation/callback.go:27', { callbackCommand: 'callbackAfterDeleteFriendCommand', ownerUserID: '3398112045', friendUserID: '4012736511' }],
  ['beforeImportFriends', 'callbackBeforeImportFriendsCommand', 'B', 'relation/callback.go:153', { callbackCommand: 'callbackBeforeImportFriendsCommand', ownerUserID: '3398112045', friendUserIDs: ['4012736511', '5120004471'] }, { response: { friendUserIDs: '[]string' }, applied: 'refuse; a non-empty friendUserIDs replaces the list' }],
  ['afterImportFriends', 'callbackAfterImportFriendsCommand', 'A', 'relation/callback.go:76', { callbackCommand: 'callbackAfterImportFriendsCommand', ownerUserID: '3398112045', friendUserIDs: ['4012736511', '5120004471'] }],
  ['afterRemoveBlack', 'callbackAfterRemoveBlackCommand', 'A', 'relation/callback.go:86', { callbackCommand: 'callbackAfterRemoveBlackCommand', ownerUserID: '3398112045', blackUserID: '5120004471' }],
  ['beforeCreateSingleChatConversations', 'callbackBeforeCreateSingleChatConversationsCommand', 'B', 'rpc/conversation/callback.go:13 (main)', { callbackCommand: 'callbackBeforeCreateSingleChatConversationsCommand', ownerUserId: '3398112045', conversationId: 'si_3398112045_4012736511', conversationType: 1, userId: '4012736511', ...CONV_OPTS }, { response: CONV_RESP, applied: 'refuse; non-null options replace', note: 'main only; note the …Id (lower-case d) keys' }],
  ['afterCreateSingleChatConversations', 'callbackAfterCreateSingleChatConversationsCommand', 'A', 'conversation/callback.go:47 (main)', { callbackCommand: 'callbackAfterCreateSingleChatConversationsCommand', ownerUserId: '3398112045', conversationId: 'si_3398112045_4012736511', conversationType: 1, userId: '4012736511', ...CONV_OPTS }, { note: 'main only' }],
  ['beforeCreateGroupChatConversations', 'callbackBeforeCreateGroupChatConversationsCommand', 'B', 'conversation/callback.go:67 (main)', { callbackCommand: 'callbackBeforeCreateGroupChatConversationsCommand', ownerUserId: '', conversationId: 'sg_2910466381', conversationType: 3, groupId: '2910466381', ...CONV_OPTS }, { response: CONV_RESP, applied: 'refuse; non-null options replace', note: 'main only' }],
  ['afterCreateGroupChatConversations', 'callbackAfterCreateGroupChatConversationsCommand', 'A', 'conversation/callback.go:100 (main)', { callbackCommand: 'callbackAfterCreateGroupChatConversationsCommand', ownerUserId: '', conversationId: 'sg_2910466381', conversationType: 3, groupId: '2910466381', ...CONV_OPTS }, { note: 'main only' }],
  ['(docs)', 'callbackBeforePushCommand', 'B', 'seed 003 (docs only)', null, { optional: [...PUSH_INFO_KEYS, 'operationID'], response: PUSH_RESP, applied: 'the name in OpenIM\'s docs; no server sends it', note: 'docs-only name; servers ≥3.7 send callbackBeforeOfflinePushCommand / callbackBeforeOnlinePushCommand' }],
];

/** OpenIM request fields whose Go type a sample value cannot show, across every webhook (B6). */
export const OPENIM_COMMON_TYPES = {
  int64: ['sendTime', 'createTime'],
  uint32: ['seq'],
  nullableStrings: ['atUserList', 'atUserIDList', 'userIDList'],
};

export { PUSH_INFO, OP, T, TMS, TENCENT_REPLY };
