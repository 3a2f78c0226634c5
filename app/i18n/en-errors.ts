/**
 * What the service says when it refuses or cannot do something: domain errors (HttpError) carry these
 * keys, pages show them in the reader's language, and the JSON API sends the English text as `message`
 * with the key as `messageKey`.
 */
export const enErrors = {
  "problems.initiativeNotFound": "Initiative {ref} was not found.",
  "problems.officersOnly": "Only department officers create and edit proposals.",
  "problems.proposalNotObject": "The proposal must be an object of fields.",
  "problems.proposalHasErrors": "The proposal has errors.",
  "problems.proposalIncomplete": "The proposal is not complete.",
  "problems.notEditable":
    "The proposal can be edited only while it is a draft or returned for changes; it is in {stage}.",
  "problems.versionConflict":
    "Initiative {ref} was changed by someone else (version {current}, you had {expected}). Reload it and try again.",
  "problems.changedMeanwhile": "Initiative {ref} was changed by someone else. Reload it and try again.",
  "problems.unknownEvent": "Unknown event type.",
  "problems.eventHasErrors": "The event has errors.",
  "problems.commentEmpty": "The comment is empty.",
  "problems.commentTooLong": "The comment is too long.",
  "problems.invalidFilter": "Invalid filter: {names}.",
  "problems.unknownInclude": "Unknown include: {unknown}. Use {allowed}.",
  "problems.usersAdminsOnly": "Only administrators manage users.",
  "problems.noSuchUser": "No such user.",
  "problems.settingsAdminsOnly": "Only administrators change settings.",
  "problems.queueReviewersOnly": "Only division reviewers have a review queue.",
  "problems.financeCommitteeLeadershipOnly": "Only leadership records Finance Committee outcomes.",
  "problems.dashboardAudience": "The dashboard is for leadership and division reviewers.",
  "problems.reviewerWithoutDivision": "A reviewer without a division has no dashboard.",
  "problems.credentialsRequired": "Email and password are required.",
  "problems.credentialsWrong": "The email or password is incorrect.",
  "problems.tooManyAttempts": "Too many failed attempts. Try again later.",
  "problems.bearerMalformed": "The Authorization header must be 'Bearer <token>'.",
  "problems.bearerMissing": "Authentication required: send 'Authorization: Bearer <token>'.",
  "problems.tokenInvalid": "The token is invalid or has expired. Request a new one from POST /api/v1/tokens.",
  "problems.bodyTooLarge": "The request body is larger than {megabytes} MB.",
  "problems.bodyNotJsonType": "Send the body as JSON with 'Content-Type: application/json'.",
  "problems.bodyRequired": "A JSON object body is required.",
  "problems.bodyInvalidJson": "The request body is not valid JSON.",
  "problems.bodyNotObject": "The request body must be a JSON object.",
  "problems.expectedVersion": "expectedVersion must be a whole number (the version you read).",
  "problems.notFound": "Not found.",

  "refusal.notPossible": "{type} is not possible while the initiative is in {state}.",
  "refusal.roleMayNot": "Your role may not send {type} to this initiative now.",
  "refusal.requestAboveLimit":
    "The {requested} requested is above the block-allocation limit of {limit}, so the Finance Committee must decide: refer it. Approving a smaller amount to stay within the limit is not allowed.",
  "refusal.requestWithinLimit":
    "The {requested} requested is within the block-allocation limit of {limit}: the lead division approves it from the block allocation, without the Finance Committee.",
  "refusal.exceedsRequest": "The amount exceeds the {requested} requested.",
  "refusal.referWithinLimit":
    "{amount} is within the block-allocation limit of {limit}: refer the amount requested, which is above it.",
  "refusal.aboveReferred": "The amount exceeds what was referred to the Finance Committee.",
  "refusal.milestoneNotOpen": "That milestone does not exist or is already done.",
  "refusal.conditionNotOpen": "That condition does not exist or is already met.",
  "refusal.milestonesLeft": "Every milestone must be done before completion.",
  "refusal.conditionsOpen": "Every condition must be met before completion.",
  "refusal.onHold": "Resume delivery before completing it.",
  "refusal.benefitsNotReported": "Realised benefits must be reported before closing.",
} as const;
