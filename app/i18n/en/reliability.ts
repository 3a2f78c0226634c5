/** English messages for faults the user did not cause: a busy or full database, oversized or odd requests. */
export const enReliability = {
  "errors.unavailable.title": "The service is busy or cannot save changes right now",
  "errors.databaseBusy": "The database is busy. Nothing was lost: wait a moment and try again.",
  "errors.databaseFull":
    "Changes cannot be saved at the moment because the server's storage is full. Nothing was lost: try again later.",
  "errors.databaseReadOnly":
    "Changes cannot be saved at the moment because the server's storage is read-only. Nothing was lost: try again later.",
  "errors.databaseUnavailable": "The database cannot be reached at the moment. Nothing was lost: try again later.",
  "errors.overloaded": "The service has too many requests at the moment. Wait a moment and try again.",
  "errors.tooLarge.title": "What you sent is too large",
  "errors.tooLarge.body": "The form or file is larger than the service accepts ({limit}). Shorten it and try again.",
  "errors.unsupportedMediaType": "This address accepts only a web form.",
  "errors.badHost": "The request's Host header is not valid.",
  "errors.methodNotAllowed": "This address does not accept that kind of request.",
  "errors.badPaging": "The page number must be a whole number from 1 to 10000.",
  "errors.badEncoding": "The form contains text that is not valid UTF-8. Check what was pasted and try again.",
  "problems.nothingToEdit": "The request names no field of the proposal to change.",
  "errors.badLanguage": "Unknown language: choose English or Traditional Chinese.",
  "errors.badPath": "The address is not valid: it contains an escape (%) that is not text.",
  "problems.idempotencyKeyReused":
    "This Idempotency-Key was already used for a different request. Use a new key for a new request.",
  "problems.idempotencyKeyInUse":
    "Another request with this Idempotency-Key is being answered. Wait a moment and send it again.",
  "problems.idempotencyKeyInvalid": "The Idempotency-Key header must be 1 to 255 visible ASCII characters.",
} as const;
