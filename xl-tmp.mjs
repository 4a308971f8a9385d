import ExcelJS from 'exceljs';
const wb = new ExcelJS.Workbook();
await wb.xlsx.readFile(process.argv[2]);
for (const ws of wb.worksheets) {
  console.log('== ' + ws.name, ws.rowCount);
  ws.eachRow((row, r) => { if (r < 14 || r > ws.rowCount - 4) console.log(r, JSON.stringify(row.values).slice(0, 500)); });
}
