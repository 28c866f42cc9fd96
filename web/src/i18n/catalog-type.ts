/**
 * A catalog shaped like the English source with any strings at the leaves: pt-BR is typed as `Catalog`, so a key
 * missing from it (or one it adds) fails `tsc`.
 */
export type CatalogShape<T> = { readonly [K in keyof T]: T[K] extends string ? string : CatalogShape<T[K]> };
