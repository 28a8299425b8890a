// What each `verify` check proves, in Traditional Chinese. The runner prints lab.yaml's English
// titles; Chinese pages show this text and the English title the terminal prints. Keyed by
// check id; test/pages.test.mts fails when a lab.yaml check has no entry here.
export const checkDescriptionsZh: Record<string, string> = {
  // Loki
  'gateway-ready': 'loki-gateway 有回應',
  'read-ready': 'loki-read 已就緒',
  'write-ready': 'loki-write 已就緒',
  'log-roundtrip': '經 Nginx 送出一個帶標記的請求，30 秒內能透過 gateway 查到它的日誌',
  'read-path':
    '查詢經過 query scheduler 排隊、由 index gateway 回應索引查詢（SSD 模式兩者都在 loki-backend，distributed 模式各是一個服務；metrics 有變化）',
  'prometheus-targets': 'Prometheus 回報每個 Loki 元件都在線上（up）',
  'chunks-in-minio': 'flush 之後，MinIO 的 bucket 裡有 Loki 的 chunk',
  'grafana-datasources': 'Grafana 的兩個資料來源（Loki、Prometheus）都健康',
  'read-scaled': '練習：loki-read 擴展到 3 份後，經 gateway 的查詢仍然成功，而且每一份都分擔了查詢',
  'write-restart': '練習：在寫入壓力下重啟 loki-write，每個請求的日誌都沒少',
  'down-up-keeps-logs': '練習：`down` 之前剛寫入的日誌，`up` 之後仍然查得到',
  // Loki, distributed mode
  'ring-active': 'ingester ring 裡三個 ingester 都是 ACTIVE',
  'replica-lost': '練習：寫入壓力下停掉三個 ingester 中的一個：沒有遺失任何一行、查詢照常回應（三取二的 quorum），重新啟動後它回到 ring',
  'queriers-scaled': '練習：querier 從 2 份擴展到 4 份，query scheduler 把工作分給每一份（看每個 querier 的請求數）',
  'write-amplification':
    '練習：replication factor 3 讓寫入路徑多付出多少（distributor 與 ingester 的 metrics），以及 MinIO 因相同 chunk 只存一份而省下多少',
  // Jaeger
  'collector-healthy': 'jaeger-collector 健康',
  'remote-storage-healthy': 'jaeger-remote-storage 健康',
  'topic-grows': 'jaeger-spans topic 存在，而且 end offset 持續增加',
  'ingester-keeps-up': 'ingester 的 consumer lag 回到接近 0',
  'jaeger-services': 'Jaeger query 列出產生的服務，並查得到它們的 trace',
  'ingester-outage': '練習：停掉 ingester 30 秒；這段期間產生的每一個 trace 都有存進去',
  'storage-outage': '練習：停掉 remote storage 60 秒；這段期間產生的每一個 trace 都有存進去',
};
