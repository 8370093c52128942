/** webpack loads `.csv` files as their text (asset/source). */
declare module "*.csv" {
  const text: string;
  export default text;
}
