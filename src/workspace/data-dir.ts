/** Where the embedded workspace lives unless --data says otherwise. */
export const defaultDataDir = ".secg";
