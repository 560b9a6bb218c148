/** The configuration file tunegate reads unless told otherwise. */
export const DEFAULT_CONFIG_FILE = "tunegate.yml";
