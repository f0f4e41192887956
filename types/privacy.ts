/** The privacy statement's version: bumped when it changes, so consent is asked again (H5). */
export const PRIVACY_VERSION = '2026-11'
