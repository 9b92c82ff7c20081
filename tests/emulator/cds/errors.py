"""The CDS response envelope and the documented error codes (reference section 3)."""


class CdsError(Exception):
    """An API error; rendered as the usual envelope with a non-Success Code."""

    def __init__(self, status, code, message):
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message


def missing(name):
    return CdsError(400, "ArgMissing", "Missing required parameter: %s" % name)


def invalid(message):
    return CdsError(400, "InvalidParameter", message)


def not_found(what, ident):
    return CdsError(404, "ResourceNotFound", "%s %s does not exist" % (what, ident))


def in_use(message="The instance is busy with another task, try again later"):
    return CdsError(409, "ResourceInUse", message)


def unsupported(message):
    return CdsError(400, "UnsupportedOperation", message)


def envelope(data=None, message="Success.", task_id=None, with_data=True):
    body = {"Code": "Success", "Message": message}
    if with_data:
        body["Data"] = data
    if task_id is not None:
        body["TaskId"] = task_id
    return body


def error_body(code, message):
    # Error layout is undocumented for MySQL; the reference infers the same envelope.
    return {"Code": code, "Message": message, "Data": None, "TaskId": ""}
