/** Ceiling 1: a bare Express app with an empty JSON handler on the same path. */
import express from 'express';

const app = express();
app.post('/v1/rooms/:name/update-permissions', express.json(), (_req, res) => {
  res.json({});
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address();
  if (address !== null && typeof address === 'object')
    process.stdout.write(`listening on http://127.0.0.1:${address.port}\n`);
});
