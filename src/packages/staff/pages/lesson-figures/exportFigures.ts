/** The figures' spreadsheet, as the composer receives it (the page also shows the link, in case the browser held the download back). */
import { openSpreadsheet as open } from '../../../../services/spreadsheet'

/** The file's name as the composer receives it. */
export const EXPORT_NAME = '阅读情况.xlsx'

/** Opens (weapp) or downloads (H5) the exported figures; throws a CallError with a Chinese message. */
export const openSpreadsheet = (url: string): Promise<void> => open(url, EXPORT_NAME)
