-- A Stop call puts a release in progress into STOPPED until Go resumes it or an outcome ends it.
ALTER TYPE "ReleaseStatus" ADD VALUE IF NOT EXISTS 'STOPPED' AFTER 'PAUSED';
