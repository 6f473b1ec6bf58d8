/** Wire protocol opcodes and flags. */
export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_COMPRESSED = 2012;
export const OP_MSG = 2013;

export const MSG_CHECKSUM_PRESENT = 1 << 0;
export const MSG_MORE_TO_COME = 1 << 1;
export const MSG_EXHAUST_ALLOWED = 1 << 16;
/** Flags a server must understand; any other bit in 0–15 makes the message invalid. */
export const MSG_KNOWN_REQUIRED_FLAGS = MSG_CHECKSUM_PRESENT | MSG_MORE_TO_COME;

export const HEADER_SIZE = 16;
