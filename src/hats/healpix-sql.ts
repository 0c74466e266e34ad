/**
 * The order-29 NESTED pixel as DuckDB SQL, the same arithmetic as `ang2pix29` in healpix.ts, so a
 * catalogue's `_healpix_29` column is computed inside the database (no row goes through JavaScript).
 * Written as a chain of SELECTs, each adding helper columns (prefixed `__hp_`) from the previous ones.
 */
const NSIDE = 2 ** 29;

/** Bits 0..28 of x spread to the even positions of a BIGINT. */
function spread(x: string): string {
  let s = `(${x})::BIGINT`;
  const steps: Array<[number, string]> = [
    [16, '0x0000FFFF0000FFFF'],
    [8, '0x00FF00FF00FF00FF'],
    [4, '0x0F0F0F0F0F0F0F0F'],
    [2, '0x3333333333333333'],
    [1, '0x5555555555555555'],
  ];
  for (const [shift, mask] of steps) s = `((${s} | (${s} << ${shift})) & ${BigInt(mask).toString()})`;
  return s;
}

/**
 * A SELECT over `from` that adds the order-29 pixel of (ra, dec) (column expressions, degrees) as
 * `target` and keeps every other column.
 */
export function withHealpix29(from: string, ra: string, dec: string, target: string): string {
  const step1 = `SELECT *, (pi() / 2 - radians(${dec})) AS __hp_theta, (radians(${ra}) / (pi() / 2)) AS __hp_turns FROM ${from}`;
  const step2 = `SELECT *, cos(__hp_theta) AS __hp_z, abs(cos(__hp_theta)) AS __hp_za,
    (CASE WHEN __hp_turns >= 0 AND __hp_turns < 4 THEN __hp_turns ELSE __hp_turns - 4 * floor(__hp_turns / 4) END) AS __hp_tt0 FROM (${step1})`;
  const step3 = `SELECT *, (CASE WHEN __hp_tt0 >= 4 THEN 0 ELSE __hp_tt0 END) AS __hp_tt FROM (${step2})`;
  // Equatorial belt: jp/jm are the ascending/descending edge-line indices.
  const step4 = `SELECT *,
    floor(${NSIDE} * (0.5 + __hp_tt) - ${NSIDE} * __hp_z * 0.75)::BIGINT AS __hp_ejp,
    floor(${NSIDE} * (0.5 + __hp_tt) + ${NSIDE} * __hp_z * 0.75)::BIGINT AS __hp_ejm,
    least(3, floor(__hp_tt))::BIGINT AS __hp_ntt,
    (CASE WHEN __hp_za < 0.99 THEN ${NSIDE} * sqrt(3 * (1 - __hp_za)) ELSE ${NSIDE} * sin(__hp_theta) / sqrt((1 + __hp_za) / 3) END) AS __hp_tmp
    FROM (${step3})`;
  const step5 = `SELECT *,
    least(${NSIDE - 1}, floor((__hp_tt - __hp_ntt) * __hp_tmp))::BIGINT AS __hp_pjp,
    least(${NSIDE - 1}, floor((1 - (__hp_tt - __hp_ntt)) * __hp_tmp))::BIGINT AS __hp_pjm,
    (__hp_ejp >> 29) AS __hp_ifp, (__hp_ejm >> 29) AS __hp_ifm
    FROM (${step4})`;
  const step6 = `SELECT *,
    (CASE WHEN __hp_za <= 2.0 / 3 THEN (CASE WHEN __hp_ifp = __hp_ifm THEN (__hp_ifp % 4) + 4 WHEN __hp_ifp < __hp_ifm THEN __hp_ifp % 4 ELSE (__hp_ifm % 4) + 8 END)
          WHEN __hp_z >= 0 THEN __hp_ntt ELSE __hp_ntt + 8 END) AS __hp_face,
    (CASE WHEN __hp_za <= 2.0 / 3 THEN __hp_ejm & ${NSIDE - 1} WHEN __hp_z >= 0 THEN ${NSIDE - 1} - __hp_pjm ELSE __hp_pjp END) AS __hp_ix,
    (CASE WHEN __hp_za <= 2.0 / 3 THEN ${NSIDE - 1} - (__hp_ejp & ${NSIDE - 1}) WHEN __hp_z >= 0 THEN ${NSIDE - 1} - __hp_pjp ELSE __hp_pjm END) AS __hp_iy
    FROM (${step5})`;
  const pixel = `((__hp_face << 58) + ${spread('__hp_ix')} + (${spread('__hp_iy')} << 1))`;
  const helpers = ['theta', 'turns', 'z', 'za', 'tt0', 'tt', 'ejp', 'ejm', 'ntt', 'tmp', 'pjp', 'pjm', 'ifp', 'ifm', 'face', 'ix', 'iy'];
  return `SELECT * EXCLUDE (${helpers.map((h) => `__hp_${h}`).join(', ')}), ${pixel} AS "${target.replace(/"/g, '""')}" FROM (${step6})`;
}
