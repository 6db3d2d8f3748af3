// A test authorizer that answers what SCRIPTED_RESPONSE (JSON) says, or throws SCRIPTED_THROW's message.
export async function handler() {
  if (process.env.SCRIPTED_THROW) throw new Error(process.env.SCRIPTED_THROW);
  return JSON.parse(process.env.SCRIPTED_RESPONSE ?? 'null');
}
