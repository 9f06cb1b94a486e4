export async function main(argv: string[]): Promise<void> {
  console.log('snn', argv.join(' '));
}
