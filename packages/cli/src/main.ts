export async function main(argv: string[]): Promise<number> {
  console.log('postern', argv.join(' '));
  return 0;
}
