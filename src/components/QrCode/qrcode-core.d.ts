// The encoder alone, without qrcode's canvas/SVG renderers and string helpers: the badge tab is in the main package.
declare module 'qrcode/lib/core/qrcode' {
  export { create } from 'qrcode'
}
