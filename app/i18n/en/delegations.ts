/**
 * English messages of acting reviewers (delegations): the /account and administrator sections, the
 * initiative page's switch, the review queue's marks, the audit timeline's "on behalf of", and the
 * refusals of the service and the API.
 */
export const enDelegations = {
  "delegations.heading": "Acting reviewer",
  "delegations.intro":
    "When you are away, name a reviewer or leadership user of the DPO to act for you. During the period (Hong Kong dates, both days included) they see your review queue, may take your decisions — recorded as taken on your behalf — and receive your notifications. They cannot pass it on.",
  "delegations.adminIntro":
    "Name an acting reviewer for {name} while they are away. The audit log records that an administrator set it.",
  "delegations.given": "Your acting reviewers",
  "delegations.givenFor": "Acting reviewers for {name}",
  "delegations.noneGiven": "You have not named an acting reviewer.",
  "delegations.noneGivenFor": "{name} has no acting reviewer.",
  "delegations.received": "You act for",
  "delegations.noneReceived": "Nobody has named you as their acting reviewer.",
  "delegations.createHeading": "Name an acting reviewer",
  "delegations.delegate": "Acting reviewer's e-mail address",
  "delegations.delegateHint": "Another reviewer or leadership user of the DPO.",
  "delegations.from": "First day",
  "delegations.until": "Last day",
  "delegations.periodHint":
    "Hong Kong dates; the acting reviewer acts from the start of the first day to the end of the last.",
  "delegations.create": "Name acting reviewer",
  "delegations.created": "{name} acts from {from} until {until}.",
  "delegations.ended": "The delegation has ended.",
  "delegations.end": "End",
  "delegations.handBack": "Hand back",
  "delegations.col.delegate": "Acting reviewer",
  "delegations.col.delegator": "On behalf of",
  "delegations.col.period": "Period",
  "delegations.col.status": "Status",
  "delegations.col.action": "Action",
  "delegations.period": "{from} to {until}",
  "delegations.status.UPCOMING": "Not yet begun",
  "delegations.status.ACTIVE": "In force",
  "delegations.status.ENDED": "Ended",
  "delegations.status.EXPIRED": "Over",
  "delegations.byAdministrator": "Set by an administrator",
  "delegations.openQueue": "Open the review queue",

  "delegations.switchLabel": "Whose decisions to take",
  "delegations.actAsSelf": "Your own decisions",
  "delegations.actFor": "On behalf of {name} ({division}), until {until}",
  "delegations.nothingToDo": "(nothing to decide for them now)",
  "delegations.actionsFor": "What you can do now on behalf of {name}",
  "delegations.actionsForHint":
    "You act as {name}'s acting reviewer: the decision is recorded as yours, taken on their behalf.",
  "delegations.onBehalfOf": "On behalf of {name}",
  "delegations.queueNote": "You are acting for {name}: their {division} queue is included, each item marked.",
  "delegations.auditEntry": "{event} by {actor} on behalf of {delegator}",
  "delegations.notice.asked": "{asked} (you are acting for {name})",

  "delegations.errors.email": "Enter an e-mail address, like name@dpo.gov.hk.",
  "delegations.errors.untilBeforeFrom": "The last day cannot be before the first day.",
  "delegations.errors.tooLong": "A delegation covers at most 183 days.",
  "delegations.errors.chooseDelegate": "Name another reviewer or leadership user of the DPO.",
  "delegations.errors.chooseDelegator": "Name a reviewer or leadership user.",
  "delegations.errors.chooseDates": "Choose other dates.",
  "delegations.errors.notActingFor": "You do not act for this person today.",

  "delegations.problems.hasErrors": "The delegation has errors: see each field.",
  "delegations.problems.cannotDelegate":
    "Only reviewers and leadership users name acting reviewers (and administrators, for someone who is away).",
  "delegations.problems.onlyOwn":
    "You can name an acting reviewer only for yourself: what was delegated to you cannot be passed on. An administrator can name one for someone else.",
  "delegations.problems.delegatorRequired": "Name the reviewer or leadership user who is away (delegator).",
  "delegations.problems.delegatorNotEligible":
    "{email} is not an active reviewer or leadership user, so has no decisions to delegate.",
  "delegations.problems.noSuchDelegate": "No active user has the e-mail address {email}.",
  "delegations.problems.notYourself": "The acting reviewer must be someone other than the person who is away.",
  "delegations.problems.delegateNotEligible":
    "{name} is not a reviewer or leadership user of the DPO: only they can act for a reviewer or leader.",
  "delegations.problems.startsInPast": "A delegation cannot start before today ({today}).",
  "delegations.problems.overlaps":
    "{name} is already the acting reviewer from {from} until {until}. One acting reviewer at a time: end that delegation first or choose other dates.",
  "delegations.problems.cannotPassOn":
    "During these dates the person who is away acts for {name} themselves ({from} to {until}), and that cannot be passed on: ask {name} or an administrator to name another acting reviewer.",
  "delegations.problems.delegateAway":
    "{name} is away too from {from} until {until} and has named an acting reviewer: choose someone else.",
  "delegations.problems.notFound": "There is no such delegation of yours.",
  "delegations.problems.alreadyOver": "This delegation has already ended.",
  "delegations.problems.othersAdminsOnly": "Only administrators may list another user's delegations.",
  "delegations.problems.notActingFor":
    "You are not acting for {email} today: a delegation lends its authority only during its period, and only until it is ended.",
} as const;
