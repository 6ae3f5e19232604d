-- Shangluo 12345 hotline operating measures (商洛市12345政务服务便民热线运行管理暂行办法), 2024 [SL24].
return {
  id = "shangluo-2024",
  name = "商洛市12345政务服务便民热线运行管理暂行办法",
  version = "2024.12.17",
  effective = "2024-12-17",
  sources = {
    "[SL24] 商政办发〔2024〕27号, 商洛市人民政府办公室, 2024-12-17 (seeds/003)",
    "[SL24 bulletin] 商政服函〔2025〕3号, 1月份运行情况通报, 2025-02-19 (seeds/003)",
    "[GB25] 国办函〔2025〕66号 (seeds/004) for the tiered evaluation",
  },
  org = "orgs/shangluo.csv",   -- units of the January 2025 bulletin
  calendar = "national",       -- statutory holidays and make-up working days
}
